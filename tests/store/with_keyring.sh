#!/usr/bin/env bash
# Runs a test in a D-Bus session of its own with a fresh, unlocked gnome-keyring (the
# Secret Service qtkeychain talks to), in a throw-away home so no real keyring is
# touched. Without dbus-run-session or gnome-keyring-daemon the test runs as it is and
# skips itself for want of a keyring.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the new keyring's password on stdin and returns once the daemon serves.
dbus-run-session -- bash -c 'printf opsdeck-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' bash "$@"
