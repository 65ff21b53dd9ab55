#!/usr/bin/env bash
# The package as a user gets it (issue 20): builds the .deb from BUILD_DIR, installs it with
# apt-get, runs OpsDeck from the installed paths, validates the desktop entry and the
# AppStream metadata, then removes the package and checks nothing is left behind.
# Needs root (CI runs as root). Usage: packaging/check-package.sh [BUILD_DIR]
set -euo pipefail
build=$(cd "${1:-build/ci}" && pwd)
out="$build/package"
rm -rf "$out"
mkdir -p "$out"
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)

if dpkg-query -W -f='${Status}' opsdeck 2>/dev/null | grep -q "install ok installed"; then
  echo "check-package: opsdeck is already installed here; remove it first" >&2
  exit 2
fi

echo "check-package: building the package from $build"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/opsdeck_*.deb)
dpkg-deb --field "$deb" Package Version Depends Recommends

cleanup() { DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y -qq opsdeck >/dev/null 2>&1 || true; }
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$deb" >"$out/install.log" 2>&1 \
  || { cat "$out/install.log"; echo "check-package: apt-get install failed" >&2; exit 1; }

fail() { echo "check-package: $*" >&2; exit 1; }
[[ "$(command -v opsdeck)" == /usr/bin/opsdeck ]] || fail "opsdeck is not on the PATH"
[[ "$(command -v opsfeed)" == /usr/bin/opsfeed ]] || fail "opsfeed is not on the PATH"
ls /usr/lib/opsdeck/plugins/*.so >/dev/null || fail "no plugins in /usr/lib/opsdeck/plugins"
for size in 16 32 48 64 128 256; do
  [[ -s /usr/share/icons/hicolor/${size}x${size}/apps/opsdeck.png ]] || fail "no ${size}x${size} icon"
done
[[ -s /usr/share/icons/hicolor/scalable/apps/opsdeck.svg ]] || fail "no scalable icon"
[[ -s /usr/share/doc/opsdeck/copyright ]] || fail "no copyright file"
desktop-file-validate /usr/share/applications/opsdeck.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.opsdeck.OpsDeck.metainfo.xml

(cd / && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM opsdeck --version)
tmp=$(mktemp -d)
(cd "$tmp" && opsdeck --headless --duration 5 --db "$tmp/package-check.db" >"$tmp/headless.log" 2>&1) \
  || { cat "$tmp/headless.log"; fail "the installed console did not run headless"; }
tail -n 2 "$tmp/headless.log"
rm -rf "$tmp"

trap - EXIT
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y -qq opsdeck >"$out/remove.log" 2>&1 \
  || { cat "$out/remove.log"; echo "check-package: apt-get purge failed" >&2; exit 1; }
[[ ! -e /usr/bin/opsdeck && ! -e /usr/lib/opsdeck ]] || fail "files left after removing the package"
echo "check-package: installed, ran and removed $(basename "$deb")"
