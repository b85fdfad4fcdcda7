#!/usr/bin/env bash
# Measures Pooldesk on this machine and writes docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# the window rows need a virtual display
. scripts/packages.sh
install_window_packages
mvn -B -q -Pbench -DskipTests install
CP="benchmarks/target/classes:app/target/pooldesk.jar"
java -Xmx8g -cp "$CP" io.pooldesk.benchmarks.PerformanceReport docs/performance.md app/target/pooldesk.jar
