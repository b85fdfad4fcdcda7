#!/usr/bin/env bash
# Takes the screenshots in docs/ from the real window under Xvfb, on a copy of the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3.so.0' || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -f app/target/pooldesk.jar ] || mvn -B -q -DskipTests install
workspace=$(mktemp -d)
cp resources/demo-workspace/*.yaml "$workspace"/
mkdir -p docs
xvfb-run -a -s "-screen 0 1440x900x24" \
  java -Dpooldesk.workspace="$workspace" -Dpooldesk.screenshots=docs -jar app/target/pooldesk.jar
rm -rf "$workspace"
ls -l docs/*.png
