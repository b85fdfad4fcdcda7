#!/usr/bin/env bash
# Builds Pooldesk when its sources changed since the last build, and opens its window: on the bundled demo
# workspace, on the folder given as --workspace FOLDER, or on the cluster of --context NAME (a live workspace).
# Java options (-D..., -X...) go to the JVM.
# On a fresh Debian machine it first installs the GTK library a real JavaFX window needs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/packages.sh
install_missing "lib:libgtk-3.so.0=libgtk-3-0"
jar=app/target/pooldesk.jar
# a pull or an edit leaves sources newer than the jar: build again rather than start an old one
stale() {
    [ ! -f "$jar" ] && return 0
    [ ! -d app/target/javafx ] && return 0
    [ -n "$(find . -path ./.git -prune -o -name target -prune -o -type f -newer "$jar" \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' -o -path './resources/*' \) \
        -print -quit)" ]
}
if stale; then
    echo "run-app: building Pooldesk (sources changed since $jar was built)" >&2
    mvn -B -q -DskipTests install
fi
jvm=()
app=()
for arg in "$@"; do
    case "$arg" in
        -D*|-X*) jvm+=("$arg") ;;
        *) app+=("$arg") ;;
    esac
done
# JavaFX on the module path, as it supports itself (from the class path it warns "Unsupported JavaFX configuration")
exec java --module-path app/target/javafx --add-modules javafx.controls,javafx.swing ${jvm[@]+"${jvm[@]}"} \
    -jar "$jar" ${app[@]+"${app[@]}"}
