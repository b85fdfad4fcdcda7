# Sourced by the scripts that need Debian packages a fresh machine lacks: each names what it needs, and only the
# missing ones are installed (with sudo unless running as root).

# install_missing COMMAND-OR-LIBRARY=PACKAGE... : "xvfb-run=xvfb", "lib:libgtk-3.so.0=libgtk-3-0"
install_missing() {
  local need=() item probe package
  for item in "$@"; do
    probe=${item%%=*}
    package=${item#*=}
    case "$probe" in
      lib:*) ldconfig -p 2>/dev/null | grep -q "${probe#lib:}" || need+=($package) ;;
      *) command -v "$probe" >/dev/null || need+=($package) ;;  # unquoted: one probe may need several packages
    esac
  done
  [ ${#need[@]} -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# What a real JavaFX window needs under a virtual display.
install_window_packages() {
  install_missing "xvfb-run=xvfb xauth" "lib:libgtk-3.so.0=libgtk-3-0"
}
