#!/usr/bin/env bash
# Measures Pooldesk on this machine and writes docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# the window rows need a virtual display
. scripts/packages.sh
install_window_packages
mvn -B -q -Pbench -DskipTests install
# JMH and what it needs, beside the harness, for the per-operation figures
mvn -B -q -Pbench -pl benchmarks dependency:copy-dependencies -DincludeGroupIds=org.openjdk.jmh,net.sf.jopt-simple,org.apache.commons \
  -DoutputDirectory=target/jmh-libs
CP="benchmarks/target/classes:benchmarks/target/jmh-libs/*:app/target/pooldesk.jar"
java -Xmx8g -cp "$CP" io.pooldesk.benchmarks.PerformanceReport docs/performance.md app/target/pooldesk.jar
# the live cluster workspace's latency needs fabric8's mock API server: the benchmarks module's whole class path
mvn -B -q -Pbench -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/bench.cp
java -Xmx4g -cp "app/target/pooldesk.jar:benchmarks/target/classes:$(cat benchmarks/target/bench.cp)" \
  io.pooldesk.benchmarks.LiveLatency >> docs/performance.md
