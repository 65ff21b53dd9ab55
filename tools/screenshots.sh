#!/usr/bin/env bash
# Every screenshot of docs/user-guide.md and the README, taken from the real console
# (opsdeck-screenshot: app::WindowConsole with the role's plugins) offscreen on a seeded
# warm start, so the guide is regenerated rather than edited. Each shot: the same seed,
# the same simulated instant (the day opens at 07:00 in Beijing, the console at 10:00),
# the gateway paused after its replay and moved on by 10 simulated seconds in steps; no
# display, no sleep. Shots are named <what>-<lang>.png:
#
#   <role>-<lang>        the role's first screen (dispatcher, customer_service,
#                        ops_manager, merchant), en and zh_CN
#   task-order-<lang>    dispatcher: a late delivery selected (detail, timeline, rider)
#   task-palette-<lang>  customer service: Ctrl+K with an order id typed
#   task-where-<lang>    customer service: that order selected, its rider on the map
#   task-storm-<lang>    ops manager: a storm that began 5 minutes ago
#   task-stock-<lang>    merchant: the Stock panel with its restock suggestions
#   theme-dark-<lang>    ops manager's first screen in the dark theme (the rest: light)
#
#   tools/screenshots.sh [--build DIR] [--out DIR] [--replay-minutes N] [--replay-rate N] [SHOT...]
#     --build DIR         where bin/opsdeck-screenshot is (default build/ci)
#     --out DIR           where the PNGs go (default docs/images)
#     --replay-minutes N  minutes of the warm start replayed to the console (default 120;
#                         fewer is quicker and makes flatter charts: the ctest uses 10)
#     --replay-rate N     messages per second of that replay (default 6000; a shot whose
#                         console shed events on a busy machine is taken again at half)
#     SHOT...             only these (e.g. dispatcher-en); default: all of them
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/ci
out=$root/docs/images
replay=120
rate=6000
wanted=()
while (($#)); do
    case $1 in
        --build) build=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --replay-minutes) replay=$2; shift 2 ;;
        --replay-rate) rate=$2; shift 2 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        -*) echo "screenshots: unknown option $1" >&2; exit 2 ;;
        *) wanted+=("$1"); shift ;;
    esac
done
bin=$build/bin/opsdeck-screenshot
[[ -x $bin ]] || { echo "screenshots: no $bin; build the opsdeck-screenshot target first" >&2; exit 1; }
mkdir -p "$out"

# name role task lang [theme]
shots=()
for lang in en zh_CN; do
    for role in dispatcher customer_service ops_manager merchant; do
        shots+=("$role-$lang $role overview $lang")
    done
    shots+=("task-order-$lang dispatcher order $lang"
            "task-palette-$lang customer_service palette $lang"
            "task-where-$lang customer_service order $lang"
            "task-storm-$lang ops_manager storm $lang"
            "task-stock-$lang merchant stock $lang"
            "theme-dark-$lang ops_manager overview $lang dark")
done

# Times on screen in the city's own zone, whatever the machine's.
export TZ=Asia/Shanghai
failed=0
taken=0
for shot in "${shots[@]}"; do
    read -r name role task lang theme <<<"$shot"
    if ((${#wanted[@]})) && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
        continue
    fi
    take() { # rate
        "$bin" --role "$role" --task "$task" --lang "$lang" --theme "${theme:-light}" --seed 7 --replay-minutes "$replay" \
            --replay-rate "$1" --out "$out/$name.png" 2>"$out/.$name.log"
    }
    if take "$rate" || take $((rate / 2)); then
        rm -f "$out/.$name.log"
        taken=$((taken + 1))
    else
        echo "screenshots: $name failed (log: $out/.$name.log)" >&2
        failed=$((failed + 1))
    fi
done
((taken + failed)) || { echo "screenshots: no shot named ${wanted[*]}" >&2; exit 2; }
((failed == 0))
