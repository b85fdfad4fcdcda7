#!/usr/bin/env bash
# Takes the screenshots in docs/ from the real window under Xvfb, on a copy of the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
install_window_packages
[ -f app/target/pooldesk.jar ] || mvn -B -q -DskipTests install
workspace=$(mktemp -d)
cp resources/demo-workspace/*.yaml "$workspace"/
# two nodes whose addresses clash with demo pools, for the Conflicts page's screenshot
cp resources/screenshots/nodes.yaml "$workspace"/zz-screenshot-conflicts.yaml
mkdir -p docs
xvfb-run -a -s "-screen 0 1440x900x24" \
  java -Dpooldesk.workspace="$workspace" -Dpooldesk.screenshots=docs -jar app/target/pooldesk.jar
rm -rf "$workspace"
ls -l docs/*.png
