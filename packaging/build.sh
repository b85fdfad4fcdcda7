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
jpackage --type app-image --name pooldesk --app-version "$VERSION" \
  --input "$OUT/input" --main-jar pooldesk.jar --main-class io.pooldesk.app.Launcher \
  --runtime-image "$OUT/runtime" --icon packaging/pooldesk.png \
  --description "IP pools for Kubernetes load balancers and VMs" --vendor Pooldesk \
  --dest "$OUT"
jpackage --type deb --app-image "$OUT/pooldesk" --name pooldesk --app-version "$VERSION" \
  --resource-dir packaging/deb --icon packaging/pooldesk.png \
  --description "IP pools for Kubernetes load balancers and VMs" --vendor Pooldesk \
  --linux-shortcut --linux-menu-group "Network;System" --linux-app-category net \
  --linux-package-deps libgtk-3-0 --linux-deb-maintainer "pooldesk@example.invalid" \
  --dest "$OUT"
ls -l "$OUT"/*.deb
du -sh "$OUT/pooldesk"
