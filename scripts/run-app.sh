#!/usr/bin/env bash
# Builds Pooldesk and opens its window on the bundled demo workspace.
# On a fresh Debian machine it first installs the GTK library a real JavaFX window needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3.so.0'; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends libgtk-3-0 >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends libgtk-3-0 >/dev/null
  fi
fi
[ -f app/target/pooldesk.jar ] || mvn -B -q -DskipTests install
exec java -jar app/target/pooldesk.jar "$@"
