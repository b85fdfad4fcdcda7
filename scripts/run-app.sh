#!/usr/bin/env bash
# Builds Pooldesk and opens its window on the bundled demo workspace.
# On a fresh Debian machine it first installs the GTK library a real JavaFX window needs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
install_missing "lib:libgtk-3.so.0=libgtk-3-0"
[ -f app/target/pooldesk.jar ] || mvn -B -q -DskipTests install
exec java -jar app/target/pooldesk.jar "$@"
