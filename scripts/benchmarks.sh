#!/usr/bin/env bash
# Measures Pooldesk on this machine and writes docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -DskipTests install
CP="benchmarks/target/classes:app/target/pooldesk.jar"
java -Xmx8g -cp "$CP" io.pooldesk.benchmarks.PerformanceReport docs/performance.md app/target/pooldesk.jar
