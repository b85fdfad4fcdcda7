#!/usr/bin/env bash
# Installs the .deb into a clean folder (no root, no container), then checks that the packaged command line answers
# and that the packaged window appears under Xvfb. Run after: mvn -B -Ppackage -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
DEB=$(ls packaging/target/pooldesk_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || { echo "smoke: no .deb in packaging/target; build it first" >&2; exit 1; }
. scripts/packages.sh
install_window_packages
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT/fs"
dpkg-deb -e "$DEB" "$ROOT/control"
BIN="$ROOT/fs/opt/pooldesk/bin/pooldesk"
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
[ -x "$BIN" ] || fail "no launcher at /opt/pooldesk/bin/pooldesk"
ls "$ROOT/fs/opt/pooldesk/lib/"*.desktop >/dev/null 2>&1 || fail "no desktop entry"
grep -q 'ln -sf /opt/pooldesk/lib/app/pooldesk-command.sh /usr/bin/pooldesk' "$ROOT/control/postinst" || fail "postinst does not put pooldesk on PATH"
COMMAND="$ROOT/fs/opt/pooldesk/lib/app/pooldesk-command.sh"
[ -x "$COMMAND" ] || fail "no pooldesk command script at /opt/pooldesk/lib/app/pooldesk-command.sh"
grep -q 'libgtk-3-0' "$ROOT/control/control" || fail "the package does not depend on libgtk-3-0"
[ -x "$ROOT/fs/opt/pooldesk/lib/runtime/bin/java" ] || fail "no bundled Java runtime"
APP="$ROOT/fs/opt/pooldesk/lib/app"
[ -s "$APP/pooldesk.1.gz" ] || fail "no manual page"
grep -q 'ln -sf /opt/pooldesk/lib/app/pooldesk.1.gz /usr/share/man/man1/pooldesk.1.gz' "$ROOT/control/postinst" || fail "postinst does not install the manual page"
MANWIDTH=80 man -l "$APP/pooldesk.1.gz" 2>/dev/null | grep -q 'pooldesk validate' || fail "man -l cannot read the manual page"
bash -n "$APP/pooldesk.bash" || fail "the packaged completion script does not parse"
grep -q 'bash-completion/completions/pooldesk' "$ROOT/control/postinst" || fail "postinst does not install the completion"
echo "smoke: package layout ok"
export HOME="$ROOT/home"
unset XDG_CACHE_HOME
mkdir -p "$HOME"
# every run starts in an empty folder of its own: the package must not write into the current directory
# (jpackage leaves $HOME in --java-options literal, so an earlier build made a folder named $HOME wherever it ran)
CWD="$ROOT/cwd"
mkdir -p "$CWD"
REPO=$(pwd)
GIT_BEFORE=$(git -C "$REPO" status --porcelain 2>/dev/null || true)
(cd "$CWD" && "$BIN" validate "$REPO/resources/examples/harvester-lb-ippools.yaml") || fail "pooldesk validate from the package"
set +e
(cd "$CWD" && "$BIN" validate "$REPO/resources/examples/metallb.yaml") >/dev/null 2>&1; code=$?
set -e
[ "$code" = 0 ] || fail "validate of metallb.yaml exited $code"
echo "smoke: command line ok"
# what postinst does where the package is installed: dump the class-data archive for that class path, then use it
sh "$ROOT/fs/opt/pooldesk/lib/app/cds-archive.sh" "$ROOT/fs/opt/pooldesk/lib"
[ -s "$ROOT/fs/opt/pooldesk/lib/app/pooldesk.jsa" ] || fail "postinst's class-data archive was not dumped"
shared=$(cd "$CWD" && JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$BIN" validate \
  "$REPO/resources/examples/metallb.yaml" 2>/dev/null | grep -c "shared objects file" || true)
[ "$shared" -gt 1000 ] || fail "the launcher did not map its classes from the class-data archive ($shared shared)"
out=$(cd "$CWD" && "$BIN" validate "$REPO/resources/examples/harvester-lb-ippools.yaml" 2>&1)
case "$out" in *cds*|*warning\]*) fail "the class-data archive printed into the output: $out" ;; esac
# the command on PATH, through a link as postinst makes it: the same archive, the same answer
ln -s "$COMMAND" "$ROOT/pooldesk"
shared=$(cd "$CWD" && JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$ROOT/pooldesk" validate \
  "$REPO/resources/examples/metallb.yaml" 2>/dev/null | grep -c "shared objects file" || true)
[ "$shared" -gt 1000 ] || fail "the pooldesk command did not map its classes from the class-data archive ($shared shared)"
[ "$(cd "$CWD" && "$ROOT/pooldesk" validate "$REPO/resources/examples/harvester-lb-ippools.yaml" 2>&1)" = "$out" ] \
  || fail "the pooldesk command and the launcher answer differently"
echo "smoke: class-data archive ok ($shared classes mapped)"
SHOTS="$ROOT/shots"
WS="$ROOT/workspace"
mkdir -p "$WS"
cp resources/demo-workspace/*.yaml "$WS"/
JAVA_TOOL_OPTIONS="-Dpooldesk.screenshots=$SHOTS -Dpooldesk.workspace=$WS" \
  timeout 120 bash -c 'cd "$1" && exec xvfb-run -a -s "-screen 0 1440x900x24" "$2"' _ "$CWD" "$BIN" >/dev/null 2>&1 \
  || fail "the window did not start or exit"
[ -s "$SHOTS/pool-list-and-map-24.png" ] || fail "the window did not draw"
echo "smoke: window ok ($(stat -c %s "$SHOTS/pool-list-and-map-24.png") bytes of screenshot)"
[ -z "$(ls -A "$CWD")" ] || fail "the package wrote into the current directory: $(ls -A "$CWD" | tr '\n' ' ')"
[ -d "$HOME/.cache/pooldesk/openjfx" ] || fail "JavaFX's native libraries were not unpacked under \$HOME/.cache/pooldesk"
[ "$(git -C "$REPO" status --porcelain 2>/dev/null || true)" = "$GIT_BEFORE" ] || fail "the run changed the checkout (git status)"
echo "smoke: nothing left behind"
echo "smoke: PASSED"
