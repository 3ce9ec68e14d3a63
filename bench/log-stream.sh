#!/usr/bin/env bash
# `perstack log` as a real process over deterministic synthetic jobs of 5,000 and 50,000 events
# (bench/Perstack.Bench --log-generate): wall time, CPU time (user + system) and peak RSS (/usr/bin/time) of each
# scenario, RUNS times each (default 5, after one warm-up), min/median/max. On a loaded machine the CPU time is the
# better guide to the wall time on an idle one. The same peak RSS at 5k and 50k events shows the memory does not
# grow with the job; `--log-stream` in the bench gives the in-process GC figures.
#
#   bash bench/log-stream.sh            # RUNS=10 bash bench/log-stream.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version) SDK, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
bench="$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll"
perstack="$repo/Perstack.App/bin/Release/net10.0/perstack"

scenario() {
    case $1 in
        0) echo "default page (100)";;    1) echo "--take 0 (all, text)";;  2) echo "--json --take 0";;
        3) echo "--filter (all read)";;   4) echo "--errors --summary";;
    esac
}

args() {
    case $1 in
        0) args=();;
        1) args=(--take 0);;
        2) args=(--json --take 0);;
        3) args=(--filter '.toolResults[].toolName == "exec"' --summary);;
        4) args=(--errors --summary --context 2);;
    esac
}

for events in 5000 50000; do
    root=$(dotnet "$bench" --log-generate "$events")
    echo "$events events ($(du -sm "$root" | cut -f1) MB on disk): wall s and CPU s min/median/max, peak RSS MB max"
    for n in 0 1 2 3 4; do
        times=()
        cpus=()
        peak=0
        for ((i = 0; i <= runs; i++)); do
            args "$n"
            /usr/bin/time -f "%e %U %S %M" -o "$out" "$perstack" log --storage-path "$root" --job bench-log-job "${args[@]}" > /dev/null
            read -r t u k m < "$out"
            if ((i > 0)); then
                times+=("$t")
                cpus+=("$(awk "BEGIN { print $u + $k }")")
                ((m > peak)) && peak=$m
            fi
        done
        sorted=($(printf '%s\n' "${times[@]}" | sort -g))
        cpu=($(printf '%s\n' "${cpus[@]}" | sort -g))
        printf '  %-22s %6s / %6s / %6s s wall   %6s / %6s / %6s s CPU   %5d MB\n' "$(scenario $n)" \
            "${sorted[0]}" "${sorted[$((runs / 2))]}" "${sorted[$((runs - 1))]}" "${cpu[0]}" "${cpu[$((runs / 2))]}" "${cpu[$((runs - 1))]}" $((peak / 1024))
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
