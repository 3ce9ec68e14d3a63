#!/usr/bin/env bash
# Wall time and peak memory of whole `perstack jobs list --json` and `perstack jobs show` processes on the synthetic
# histories (bench/Perstack.Bench, fixed seed): 10,000 and 100,000 jobs, and one job of 1,000 checkpoints of ~100 KB.
# RUNS timed runs each (default 10) after one untimed warm-up (which builds the jobs index if it is missing),
# printing min/median/max; peak RSS from /usr/bin/time; and the first listing without an index (COLD_RUNS, default 3).
#
#   bash bench/jobs-wall.sh                 # ReadyToRun, framework-dependent (as bench/run-wall.sh)
#   BUILD=composite bash bench/jobs-wall.sh # ReadyToRun composite, self-contained
#   BUILD=aot bash bench/jobs-wall.sh       # the Native AOT binary (the app's default publish)
#   BIN=/path/to/perstack bash bench/jobs-wall.sh   # any build published already
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
cold_runs=${COLD_RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/perstack-jobs-wall.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The store caches (jobs index, checkpoint indexes) live in the user's cache folder: one of our own here.
export XDG_CACHE_HOME="$work/cache"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version) SDK, load average $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
bench="$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll"
jobs10k=$(dotnet "$bench" --generate-jobs 10000)
jobs100k=$(dotnet "$bench" --generate-jobs 100000)
checkpoints=$(dotnet "$bench" --generate | tail -1) # also writes the job's job.json if missing

bin=${BIN:-}
if [[ -z "$bin" ]]; then
    case "${BUILD:-r2r}" in
        # PublishAot is on by default in Perstack.App; ReadyToRun builds turn it off (it implies trimming, NETSDK1102).
        r2r) flags=(--self-contained false -p:PublishAot=false -p:PublishReadyToRun=true) ;;
        composite) flags=(--self-contained true -p:PublishAot=false -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
        aot) flags=() ;;
        *) echo "BUILD must be r2r, composite or aot"; exit 2 ;;
    esac
    echo "publishing Perstack.App (${BUILD:-r2r}, linux-x64)…"
    dotnet publish "$repo/Perstack.App" -c Release -r linux-x64 "${flags[@]}" -o "$work/publish" -nologo -v q -clp:ErrorsOnly >/dev/null
    bin="$work/publish/perstack"
fi
echo "binary: $bin"

now_ns() { date +%s%N; }

# stats NAME VALUES… : min/median/max of integers
stats() {
    local name=$1 unit=$2; shift 2
    printf '%s\n' "$@" | sort -n | awk -v name="$name" -v unit="$unit" '{ v[NR] = $1 } END {
        median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "  %-44s min %6d %s   median %8.1f %s   max %6d %s   (n=%d)\n", name, v[1], unit, median, unit, v[NR], unit, NR }'
}

# time_runs LABEL N PREPARE COMMAND… : wall ms of N runs of COMMAND (stdout to a file), PREPARE run before each
time_runs() {
    local label=$1 n=$2 prepare=$3; shift 3
    local times=()
    for _ in $(seq 1 "$n"); do
        eval "$prepare"
        local t0
        t0=$(now_ns)
        "$@" >"$work/out" 2>"$work/err" || { echo "$label failed:"; cat "$work/err"; exit 1; }
        times+=($(( ($(now_ns) - t0) / 1000000 )))
    done
    stats "$label" ms "${times[@]}"
}

# resources LABEL COMMAND… : peak resident set size (MB) and CPU time (user + sys, ms; less disturbed by other
# processes on a loaded machine than wall time) of RUNS runs
resources() {
    local label=$1; shift
    local sizes=() cpu=()
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f '%M %U %S' -o "$work/rss" "$@" >"$work/out" 2>&1
        read -r kb user sys <"$work/rss"
        sizes+=($(( kb / 1024 )))
        cpu+=($(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }'))
    done
    stats "$label (peak RSS)" MB "${sizes[@]}"
    stats "$label (CPU user+sys)" ms "${cpu[@]}"
}

for root in "$jobs10k" "$jobs100k"; do
    count=$(find "$root/jobs" -mindepth 1 -maxdepth 1 -type d | wc -l)
    "$bin" jobs list --json --storage-path "$root" >"$work/out" # warm-up; builds the index if missing
    listed=$(grep -c '^    "id": ' "$work/out")
    [[ "$listed" == "$count" ]] || { echo "listed $listed of $count jobs"; exit 1; }
    echo "$count jobs ($root), index $(stat -c %s "$(ls -t $(find "$XDG_CACHE_HOME/perstack" -name jobs-index.bin) | head -1)") bytes"
    time_runs "jobs list --json (wall)" "$runs" ":" "$bin" jobs list --json --storage-path "$root"
    time_runs "jobs list --json --limit 20 (wall)" "$runs" ":" "$bin" jobs list --json --limit 20 --storage-path "$root"
    time_runs "jobs list (text) (wall)" "$runs" ":" "$bin" jobs list --storage-path "$root"
    resources "jobs list --json" "$bin" jobs list --json --storage-path "$root"
    time_runs "jobs list --json, no index (wall, writes it)" "$cold_runs" "find '$XDG_CACHE_HOME/perstack' -name jobs-index.bin -delete" "$bin" jobs list --json --storage-path "$root"
done

job=bench1000checkpoints0000
"$bin" jobs show "$job" --storage-path "$checkpoints" >/dev/null # warm-up; builds checkpoint-index.json if missing
echo "1 job of $(ls "$checkpoints/jobs/$job/checkpoints" | wc -l) checkpoints ($(du -sh "$checkpoints/jobs/$job/checkpoints" | cut -f1))"
time_runs "jobs show (wall)" "$runs" ":" "$bin" jobs show "$job" --storage-path "$checkpoints"
time_runs "jobs show --json (wall)" "$runs" ":" "$bin" jobs show "$job" --json --storage-path "$checkpoints"
resources "jobs show" "$bin" jobs show "$job" --storage-path "$checkpoints"
time_runs "perstack --version (wall)" "$runs" ":" "$bin" --version
resources "perstack --version" "$bin" --version
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
