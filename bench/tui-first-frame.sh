#!/usr/bin/env bash
# First frame of `perstack start` as a user sees it: a ReadyToRun publish (Release) started in a tmux pane over the
# synthetic 100,000-job history, timed from launch until the Job History heading is on screen (tmux capture-pane
# polled every 5 ms), and until the 100,000 rows are listed. RUNS times (default 10), min/median/max.
#
#   bash bench/tui-first-frame.sh         # RUNS=20 bash bench/tui-first-frame.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/perstack-tui-frame.XXXXXX")
session="perstack-frame-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
store=$(dotnet "$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll" --generate-large | tail -1)
echo "publishing ReadyToRun…"
dotnet publish "$repo/Perstack.App" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v q -clp:ErrorsOnly >/dev/null

now_ms() { date +%s%3N; }
frames=() loaded=()
for ((i = 0; i <= runs; i++)); do
    started=$(now_ms)
    tmux new-session -d -s "$session" -x 120 -y 40 "$work/r2r/perstack start --storage-path '$store'"
    frame="" 
    while true; do
        screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
        if [[ -z "$frame" && "$screen" == *"Job History"* ]]; then frame=$(( $(now_ms) - started )); fi
        if [[ "$screen" == *"(100000 jobs)"* ]]; then done_ms=$(( $(now_ms) - started )); break; fi
        if (( $(now_ms) - started > 60000 )); then echo "timed out; screen:"; echo "$screen"; exit 1; fi
        sleep 0.005
    done
    tmux send-keys -t "$session" q
    sleep 0.3
    tmux kill-session -t "$session" 2>/dev/null || true
    if (( i > 0 )); then frames+=("$frame"); loaded+=("$done_ms"); fi   # run 0 warms the disk cache
done

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d / median %d / max %d ms (%d runs)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }
echo "first frame (Job History on screen): $(printf '%s\n' "${frames[@]}" | stats)"
echo "100,000 jobs listed:                 $(printf '%s\n' "${loaded[@]}" | stats)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
