#!/usr/bin/env bash
# Runs the whole test suite N times while two busy loops hold both cores, to show that
# no test depends on timing: a suite that passes here once in twenty would fail CI.
#
#   tests/stress.sh [BUILD_DIR] [N] [-- extra ctest arguments]
#
# BUILD_DIR defaults to build/ci (built beforehand, e.g. by ./setup.sh test), N to 20.
# Prints one line per run and, last, "RESULT stress runs=<N> green=<M>"; exits 1 when
# any run failed. Each run's ctest output is kept in BUILD_DIR/stress/run-<i>.log.
# STRESS_BUSY_LOOPS changes the number of busy loops (default 2).
set -u

usage() {
  sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

build_dir=build/ci
runs=20
if [[ $# -gt 0 && "$1" != "--" ]]; then
  [[ "$1" == "-h" || "$1" == "--help" ]] && usage
  build_dir=$1
  shift
fi
if [[ $# -gt 0 && "$1" != "--" ]]; then
  runs=$1
  shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
extra=("$@")

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "stress: N must be a positive integer, not '$runs'" >&2; usage; }
[[ -f "$build_dir/CTestTestfile.cmake" ]] || {
  echo "stress: no test suite in '$build_dir' (configure and build it first, e.g. ./setup.sh test)" >&2
  exit 2
}
busy_loops=${STRESS_BUSY_LOOPS:-2}
[[ "$busy_loops" =~ ^[0-9]+$ ]] || { echo "stress: STRESS_BUSY_LOOPS must be a number" >&2; exit 2; }

logs="$build_dir/stress"
mkdir -p "$logs"

# The busy loops are this script's own children, ended by their PIDs whatever way the
# script ends (never by name: other people's processes share the machine).
busy_pids=()
stop_busy() {
  local pid
  for pid in "${busy_pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${busy_pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  busy_pids=()
}
trap stop_busy EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for ((i = 0; i < busy_loops; i++)); do
  bash -c 'while :; do :; done' &
  busy_pids+=("$!")
done
echo "stress: $runs run(s) of the suite in $build_dir, ${busy_loops} busy loop(s) (pids ${busy_pids[*]:-none})"

export QT_QPA_PLATFORM=offscreen
green=0
for ((run = 1; run <= runs; run++)); do
  log="$logs/run-$run.log"
  started=$(date +%s)
  ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --timeout 300 "${extra[@]}" >"$log" 2>&1
  status=$?
  took=$(($(date +%s) - started))
  summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1)
  if [[ $status -eq 0 ]]; then
    green=$((green + 1))
    echo "run $run/$runs: PASS in ${took} s (${summary:-no summary})"
  else
    failed=$(sed -n '/The following tests FAILED:/,$p' "$log" | grep -E '^[[:space:]]+[0-9]+ - ' |
      sed -E 's/^[[:space:]]+[0-9]+ - //' | tr '\n' ';' | sed 's/;$//; s/;/; /g')
    echo "run $run/$runs: FAIL in ${took} s (${summary:-ctest exit $status}): ${failed:-see log}; log $log"
  fi
done

stop_busy
echo "RESULT stress runs=$runs green=$green"
[[ $green -eq $runs ]]
