#!/usr/bin/env bash
# Screenshots of each role's default layout on a 1920x1080 screen, in English and
# Simplified Chinese: docs/screenshots/<role>-<lang>.png. The real console on its
# embedded gateway (opsfeed in-process, fixed seed), a fresh settings file (so the
# role's default layout) and database, under xvfb-run; ImageMagick's `import` grabs the
# screen once the feed has filled the board. Not a test: ctest never runs it.
#
#   tools/screenshots.sh [build dir]        (default: build/ci)
#   SCREENSHOT_WAIT=30 tools/screenshots.sh  (seconds of feed before the shot; default 25)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/ci}
bin=$build/bin/opsdeck
out=$root/docs/screenshots
wait=${SCREENSHOT_WAIT:-25}
roles=(dispatcher customer_service ops_manager merchant)
langs=(en zh_CN)

for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
[[ -x $bin ]] || { echo "screenshots: no $bin; build the opsdeck target first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

shoot() { # role lang
    local role=$1 lang=$2 name=$1-$2
    # One X server per shot: the window opens maximised on an empty screen.
    xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
        "$1" --role "$2" --lang "$3" --user demo --seed 7 --settings "$4/$5.ini" --db "$4/$5.db" \
            --duration $(( $6 + 10 )) 2>"$4/$5.log" &
        app=$!
        sleep "$6"
        import -window root "$7"
        kill -TERM "$app" 2>/dev/null || true
        wait "$app" || true
    ' shoot "$bin" "$role" "$lang" "$work" "$name" "$wait" "$out/$name.png"
    echo "$out/$name.png"
}

for role in "${roles[@]}"; do
    for lang in "${langs[@]}"; do
        shoot "$role" "$lang"
    done
done
