#!/usr/bin/env bash
# Builds packaging/target/pooldesk (a jpackage app-image with its own trimmed Java runtime) and
# packaging/target/pooldesk_VERSION_amd64.deb from app/target/pooldesk.jar.
# Run through Maven: mvn -B -Ppackage -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.1.0
JAR=app/target/pooldesk.jar
OUT=packaging/target
[ -f "$JAR" ] || { echo "packaging: $JAR is missing; build it first" >&2; exit 1; }
. scripts/packages.sh
install_missing "fakeroot=fakeroot" "dpkg-deb=dpkg-dev"
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp "$JAR" "$OUT/input/"
# the modules the jar uses, plus what JavaFX and TLS load reflectively
MODULES=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$JAR")
MODULES="$MODULES,java.desktop,java.logging,java.xml,java.naming,java.management,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.localedata"
echo "packaging: runtime modules $MODULES"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"
# what the class-data archive is trained on: the commands a CI job runs most (validate, simulate)
for f in resources/examples/*.yaml; do cat "$f"; echo "---"; done > "$OUT/input/cds-training.yaml"
cp packaging/cds-archive.sh "$OUT/input/"
cp packaging/pooldesk-command.sh "$OUT/input/"
# the manual page and the bash completion, both written by the jar from its own command model; postinst links them
# where man and bash-completion look
java -jar "$JAR" man | gzip -9n > "$OUT/input/pooldesk.1.gz"
java -jar "$JAR" completion > "$OUT/input/pooldesk.bash"
# Start-up: the launcher maps the classes a command loads from pooldesk.jsa instead of reading and verifying them
# from the jar, and compiles with C1 only (the commands are short; C2's compile threads cost more than they save).
# A stale or moved archive is skipped silently (Xshare:auto; -Xlog:cds*=off keeps its warning out of the output).
# The pooldesk command on PATH is lib/app/pooldesk-command.sh with the same options: keep the two in step.
jpackage --type app-image --name pooldesk --app-version "$VERSION" \
  --input "$OUT/input" --main-jar pooldesk.jar --main-class io.pooldesk.app.Launcher \
  --runtime-image "$OUT/runtime" --icon packaging/pooldesk.png \
  --java-options '-XX:SharedArchiveFile=$APPDIR/pooldesk.jsa' --java-options '-Xshare:auto' \
  --java-options '-Xlog:cds*=off' --java-options '-XX:TieredStopAtLevel=1' \
  --description "IP pools for Kubernetes load balancers and VMs" --vendor Pooldesk \
  --dest "$OUT"
jpackage --type deb --app-image "$OUT/pooldesk" --name pooldesk --app-version "$VERSION" \
  --resource-dir packaging/deb --icon packaging/pooldesk.png \
  --description "IP pools for Kubernetes load balancers and VMs" --vendor Pooldesk \
  --linux-shortcut --linux-menu-group "Network;System" --linux-app-category net \
  --linux-package-deps libgtk-3-0 --linux-deb-maintainer "pooldesk@example.invalid" \
  --dest "$OUT"
# the app-image's own archive, dumped after the .deb was made: the package dumps one where it is installed (postinst)
sh packaging/cds-archive.sh "$OUT/pooldesk/lib"
[ -s "$OUT/pooldesk/lib/app/pooldesk.jsa" ] || echo "packaging: no class-data archive was dumped; the package starts without one" >&2
ls -l "$OUT"/*.deb
du -sh "$OUT/pooldesk"
