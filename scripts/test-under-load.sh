#!/usr/bin/env bash
# Runs the whole suite N times in a row (default 3) while LOAD other CPU-bound processes (default 2)
# compete for this machine's cores: the check that the suite is not flaky on a busy machine.
#   bash scripts/test-under-load.sh [RUNS] [LOAD]
set -u
runs=${1:-3}
load=${2:-2}
cd "$(dirname "$0")/.."
burners=()
for _ in $(seq "$load"); do
  sh -c 'while :; do :; done' &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT
status=0
for run in $(seq "$runs"); do
  start=$(date +%s.%N)
  if npm test >"/tmp/kcs-loaded-run-$run.log" 2>&1; then result=green; else result=RED; status=1; fi
  printf 'run %d: %s in %.1f s (%d CPU burners; log /tmp/kcs-loaded-run-%d.log)\n' \
    "$run" "$result" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" "$load" "$run"
  [ "$result" = green ] || break
done
exit $status
