#!/usr/bin/env bash
# Runs the libFuzzer targets over the committed corpus (tests/fuzz/corpus/<target>/).
#   tests/fuzz/run.sh N            N inputs in all across the targets, which take turns
#                                  of FUZZ_SLICE seconds (default 60) each
#   tests/fuzz/run.sh --seconds S  S seconds in all, S/8 per target (the suite's short run)
# Builds the targets first when needed (the asan preset, build/asan). One core: the
# targets run one after the other. Crashing and hanging inputs are kept in
# <build>/fuzz/artifacts/<target>/. Last line: RESULT fuzz inputs=<> crashes=<> hangs=<>
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$root/build/asan"
total_runs=""
seconds=""
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) total_runs="$1"; shift ;;
  esac
done
if [[ -z "$total_runs$seconds" ]]; then
  echo "usage: $0 N | --seconds S [--build-dir DIR]" >&2
  exit 2
fi

targets=(fuzz_feed_decoder fuzz_snapshot fuzz_control_reply fuzz_alert_rules
         fuzz_playbooks fuzz_settings fuzz_city_geojson fuzz_mbtiles_tile)

missing=0
for t in "${targets[@]}"; do [[ -x "$build/fuzz/$t" ]] || missing=1; done
if ((missing)); then
  [[ -f "$build/CMakeCache.txt" ]] || (cd "$root" && cmake --preset asan >/dev/null) || exit 1
  nice cmake --build "$build" --target fuzzers -j "${FUZZ_BUILD_JOBS:-2}" >/dev/null || exit 1
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
# The settings target sets logging rules; keep Qt's own warnings out of the log.
export QT_LOGGING_RULES="*.warning=false"

n=${#targets[@]}
inputs=0 crashes=0 hangs=0
work="$build/fuzz/work"
declare -A failed=()
# Equal time for every target, in rounds of $slice seconds each, until N inputs have run
# in all (the targets differ a thousandfold in speed: a city file takes milliseconds, a
# control reply microseconds). --seconds: one round of S/n seconds each.
if [[ -n "$seconds" ]]; then
  slice=$(( (seconds + n - 1) / n ))
else
  slice="${FUZZ_SLICE:-60}"
fi
run_target() { # target, runs cap (empty: none)
  local t=$1 cap=$2
  local corpus="$work/corpus/$t" artifacts="$build/fuzz/artifacts/$t" log="$work/$t.log"
  mkdir -p "$corpus" "$artifacts"
  local before_crash before_hang status done_runs new_crash new_hang
  before_crash=$(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l)
  before_hang=$(find "$artifacts" -name 'timeout-*' | wc -l)
  # -timeout: an input still running after 10 s is a hang; -rss_limit_mb: runaway memory
  # is a crash (oom-*). New inputs go to the work corpus, the committed seeds stay as they are.
  nice -n 10 "$build/fuzz/$t" "$corpus" "$here/corpus/$t" -max_total_time="$slice" ${cap:+-runs=$cap} \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  done_runs=${done_runs:-0}
  new_crash=$(( $(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l) - before_crash ))
  new_hang=$(( $(find "$artifacts" -name 'timeout-*' | wc -l) - before_hang ))
  if ((status != 0 && new_crash == 0 && new_hang == 0)); then
    new_crash=1 # died without an artifact: still a failure
  fi
  inputs=$((inputs + done_runs))
  crashes=$((crashes + new_crash))
  hangs=$((hangs + new_hang))
  echo "fuzz $t: inputs=$done_runs crashes=$new_crash hangs=$new_hang (log $log)"
  if ((new_crash + new_hang)); then
    failed[$t]=1 # stop fuzzing it: the next round would find the same input again
    grep -m3 -E 'ERROR|SUMMARY|runtime error' "$log" | sed 's/^/  /'
  fi
}
if [[ -n "$seconds" ]]; then
  for t in "${targets[@]}"; do run_target "$t" ""; done
else
  while ((inputs < total_runs)) && ((${#failed[@]} < n)); do
    for t in "${targets[@]}"; do
      ((inputs < total_runs)) || break
      [[ -n "${failed[$t]:-}" ]] && continue
      run_target "$t" $((total_runs - inputs))
    done
  done
fi
echo "RESULT fuzz inputs=$inputs crashes=$crashes hangs=$hangs"
((crashes == 0 && hangs == 0))
