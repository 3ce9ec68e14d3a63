#!/usr/bin/env bash
# Browsing the 100,000-job history as a user sees it, with the Native AOT binary in tmux, against `less` in the same
# run (the floor): (1) process start → the first Job rows on screen (a frame without Job rows does not
# count), with the OS file cache warm and, when allowed (root, DROP_CACHES=1), cold; (2) keystroke → redrawn frame (at once, and once the listing has landed):
# `j` sent with tmux send-keys, capture-pane polled every 2 ms until the frame differs. RUNS times each (default 10),
# min/median/max. The in-process keystroke figure is `dotnet run -c Release --project bench/Perstack.Bench -- --tui`.
#
#   bash bench/tui-browse.sh          # AOT=/tmp/aot STORE=/tmp/perstack-bench/jobs-100000-v1 bash bench/tui-browse.sh
#                                     # (reuse a publish and a generated history)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/perstack-tui-browse.XXXXXX")
session="perstack-browse-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "floor: node -e '' $( { command -v node >/dev/null && for _ in 1 2 3 4 5; do s=$(date +%s%3N); node -e ''; echo $(( $(date +%s%3N) - s )); done; } | sort -n | sed -n 3p) ms (median of 5)"
store=${STORE:-}
if [[ -z "$store" ]]; then
    dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
    store=$(dotnet "$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll" --generate-large | tail -1)
fi
aot=${AOT:-}
if [[ -z "$aot" ]]; then
    echo "publishing Native AOT…"
    dotnet publish "$repo/Perstack.App" -c Release -r linux-x64 -o "$work/aot" -nologo -v q -clp:ErrorsOnly >/dev/null
    aot="$work/aot"
fi

# The same number of lines for less: one row per job, as the history shows them.
find "$store/jobs" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort > "$work/rows.txt"

now_ms() { date +%s%3N; }
stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d / median %d / max %d ms (%d runs)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }

# $1 command, $2 pattern that means "rows visible"; prints ms from launch to the pattern, leaves the session open.
first_rows() {
    local started screen
    started=$(now_ms)
    tmux new-session -d -s "$session" -x 140 -y 40 "$1"
    while true; do
        screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
        if [[ "$screen" =~ $2 ]]; then echo $(( $(now_ms) - started )); return; fi
        if (( $(now_ms) - started > 60000 )); then echo "timed out; screen:" >&2; echo "$screen" >&2; exit 1; fi
        sleep 0.002
    done
}

# Sends j $runs times to the open session; prints each keystroke → changed frame time. With $1 = settle, waits first
# until the screen no longer says "loading" (the History's checked listing has landed), as a user scrolling a moment
# after the start meets it.
keystrokes() {
    local before started after
    if [[ "${1:-}" == settle ]]; then
        started=$(now_ms)
        while tmux capture-pane -p -t "$session" | grep -q 'loading'; do
            if (( $(now_ms) - started > 60000 )); then echo "never settled" >&2; break; fi
            sleep 0.05
        done
    fi
    for ((k = 0; k < runs; k++)); do
        before=$(tmux capture-pane -p -t "$session")
        started=$(now_ms)
        tmux send-keys -t "$session" j
        while true; do
            after=$(tmux capture-pane -p -t "$session")
            if [[ "$after" != "$before" ]]; then echo $(( $(now_ms) - started )); break; fi
            if (( $(now_ms) - started > 5000 )); then echo 5000; break; fi
            sleep 0.002
        done
    done
}

perstack_rows=() less_rows=() perstack_keys=() settled_keys=() less_keys=() cold=() no_index=()
for ((i = 0; i <= runs; i++)); do
    ms=$(first_rows "$aot/perstack start --storage-path '$store'" ' steps \([a-z0-9-]+\)')
    if (( i == 1 )); then mapfile -t -O "${#perstack_keys[@]}" perstack_keys < <(keystrokes); fi
    if (( i == 2 )); then mapfile -t -O "${#settled_keys[@]}" settled_keys < <(keystrokes settle); fi
    tmux kill-session -t "$session" 2>/dev/null || true
    if (( i > 0 )); then perstack_rows+=("$ms"); fi   # run 0 warms the caches
    ms=$(first_rows "less '$work/rows.txt'" '[a-z0-9]{8}')
    if (( i == 1 )); then mapfile -t -O "${#less_keys[@]}" less_keys < <(keystrokes); fi
    tmux kill-session -t "$session" 2>/dev/null || true
    if (( i > 0 )); then less_rows+=("$ms"); fi
done

# Without a jobs index: a first start, or the cache folder deleted (a fresh, empty XDG_CACHE_HOME each run).
for ((i = 0; i < 3; i++)); do
    fresh=$(mktemp -d "$work/cache.XXXXXX")
    no_index+=("$(first_rows "XDG_CACHE_HOME='$fresh' $aot/perstack start --storage-path '$store'" ' steps \([a-z0-9-]+\)')")
    tmux kill-session -t "$session" 2>/dev/null || true
done

if [[ "${DROP_CACHES:-0}" == 1 && -w /proc/sys/vm/drop_caches ]]; then
    for ((i = 0; i < 3; i++)); do
        sync; echo 3 > /proc/sys/vm/drop_caches
        cold+=("$(first_rows "$aot/perstack start --storage-path '$store'" ' steps \([a-z0-9-]+\)')")
        tmux kill-session -t "$session" 2>/dev/null || true
    done
fi

echo "first Job rows (perstack, AOT, warm): $(printf '%s\n' "${perstack_rows[@]}" | stats)"
echo "first page (less, same rows, warm):   $(printf '%s\n' "${less_rows[@]}" | stats)"
echo "first Job rows (perstack, no index):  $(printf '%s\n' "${no_index[@]}" | stats)"
if (( ${#cold[@]} > 0 )); then echo "first Job rows (perstack, cold):      $(printf '%s\n' "${cold[@]}" | stats)"; fi
echo "keystroke → frame (perstack, j):      $(printf '%s\n' "${perstack_keys[@]}" | stats)  (at once, while the listings load)"
echo "keystroke → frame (perstack, settled): $(printf '%s\n' "${settled_keys[@]}" | stats)  (once the checked listing is in)"
echo "keystroke → frame (less, j):          $(printf '%s\n' "${less_keys[@]}" | stats)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
