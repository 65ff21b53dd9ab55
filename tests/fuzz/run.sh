#!/usr/bin/env bash
# Runs the libFuzzer targets over the committed corpus (tests/fuzz/corpus/<target>/).
#   tests/fuzz/run.sh N            N inputs in all, shared evenly across the targets
#   tests/fuzz/run.sh --seconds S  S seconds in all (the suite's short run)
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
for t in "${targets[@]}"; do
  corpus="$work/corpus/$t"   # the committed seeds plus what this machine found
  artifacts="$build/fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  limit=()
  if [[ -n "$seconds" ]]; then
    limit=(-max_total_time=$(( (seconds + n - 1) / n )))
  else
    limit=(-runs=$(( (total_runs + n - 1) / n )))
  fi
  log="$work/$t.log"
  before_crash=$(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l)
  before_hang=$(find "$artifacts" -name 'timeout-*' | wc -l)
  # -timeout: an input still running after 10 s is a hang; -rss_limit_mb: runaway memory
  # is a crash (oom-*).
  nice -n 10 "$build/fuzz/$t" "$corpus" "$here/corpus/$t" "${limit[@]}" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [[ -z "$done_runs" ]] && done_runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)
  inputs=$((inputs + ${done_runs:-0}))
  new_crash=$(( $(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' | wc -l) - before_crash ))
  new_hang=$(( $(find "$artifacts" -name 'timeout-*' | wc -l) - before_hang ))
  if ((status != 0 && new_crash == 0 && new_hang == 0)); then
    new_crash=1 # died without an artifact: still a failure
  fi
  crashes=$((crashes + new_crash))
  hangs=$((hangs + new_hang))
  echo "fuzz $t: inputs=${done_runs:-0} crashes=$new_crash hangs=$new_hang (log $log)"
  if ((new_crash + new_hang)); then
    grep -m3 -E 'ERROR|SUMMARY|runtime error' "$log" | sed 's/^/  /'
  fi
done
echo "RESULT fuzz inputs=$inputs crashes=$crashes hangs=$hangs"
((crashes == 0 && hangs == 0))
