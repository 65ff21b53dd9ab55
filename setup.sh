#!/usr/bin/env bash
# OpsDeck set-up on Debian 12: installs what is missing, builds, then either opens the
# console on its embedded gateway (`run`) or runs every test (`test`).
set -euo pipefail

mode="${1:-run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-charts-dev qt6-positioning-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
  cppzmq-dev libzmq3-dev libsqlite3-dev libsimdjson-dev libsodium-dev libzstd-dev qtkeychain-qt6-dev
  xvfb xauth poppler-utils fonts-wqy-microhei mold
)

# The test command also builds core, feed and store with clang's ASan/UBSan and runs
# the libFuzzer targets (issue 15).
if [[ "$mode" == test ]]; then
  packages+=(clang libclang-rt-14-dev)
  # The package check (packaging/check-package.sh): dpkg-shlibdeps and the validators.
  packages+=(dpkg-dev file appstream desktop-file-utils)
  # The personal-data key in a real OS keyring: a throw-away D-Bus session with
  # gnome-keyring (tests/store/with_keyring.sh); qtkeychain loads libsecret at run time.
  packages+=(dbus-daemon gnome-keyring libsecret-1-0)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc)"
case "$mode" in
  run)
    cmake --preset release
    cmake --build --preset release -j "$jobs"
    if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
      echo "setup: no display found; opening the console inside Xvfb (use --headless for a text-only run)"
      exec xvfb-run -a ./build/release/bin/opsdeck "${@:2}"
    fi
    exec ./build/release/bin/opsdeck "${@:2}"
    ;;
  test)
    cmake --preset ci
    cmake --build --preset ci -j "$jobs"
    export QT_QPA_PLATFORM=offscreen
    ctest --preset ci
    # The Debian package: built, installed with apt-get, run from /usr/bin, removed.
    packaging/check-package.sh build/ci
    # Then the sanitizer build: core, feed and store tests under ASan+UBSan, and about
    # 60 s of fuzzing over the committed corpus (tests/fuzz/run.sh).
    cmake --preset asan
    cmake --build --preset asan -j "$jobs"
    exec ctest --preset asan
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
