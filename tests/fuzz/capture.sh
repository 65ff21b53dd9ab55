#!/usr/bin/env bash
# Rebuilds the seed corpus (tests/fuzz/corpus/) from real opsfeed output plus the files
# the console ships (rules, playbooks, city) and small hand-made settings and tiles.
#   tests/fuzz/capture.sh OPSFEED [SEED]   e.g. tests/fuzz/capture.sh build/ci/bin/opsfeed 15
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
opsfeed="$(realpath "$1")"
seed="${2:-15}"
capture="$root/build/asan/bin/fuzz_capture_corpus" # cmake --build --preset asan --target fuzz_capture_corpus
out="$here/corpus"

for scenario in normal storm; do
  base=$((21000 + RANDOM % 4000))
  feed="tcp://127.0.0.1:$base" snap="tcp://127.0.0.1:$((base + 1))" ctl="tcp://127.0.0.1:$((base + 2))"
  "$opsfeed" --seed "$seed" --scenario "$scenario" --time-scale 30 --duration 40 --cold \
      --feed "$feed" --snapshot "$snap" --control "$ctl" >/dev/null 2>&1 &
  pid=$!
  sleep 3 # the gateway binds and runs a little, so the snapshot holds orders
  "$capture" "$feed" "$snap" "$ctl" "$out" 4
  kill "$pid"; wait "$pid" || true
done

python3 "$here/make_seeds.py" "$root" "$out"
