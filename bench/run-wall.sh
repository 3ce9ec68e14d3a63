#!/usr/bin/env bash
# Wall time of the whole `perstack run fake-basic "Say hello"` process (a 2-step job, 3 model calls) against the
# scripted LLM server on 127.0.0.1: the Release (JIT) build, a ReadyToRun publish and the Native AOT binary, RUNS
# times each (default 10), printing min/median/max, and a split of each run by the NDJSON events' timestamps:
#   start   = process start → first event (runtime start-up, command line, perstack.toml, DI, provider client)
#   run     = first event → last event (the job: 2 steps, 3 HTTP calls, every write fsync'ed)
#   exit    = last event → process gone (disposal, runtime shutdown)
# plus `perstack --version` and `perstack run --help`, the floor of any perstack command.
#
#   bash bench/run-wall.sh            # RUNS=20 bash bench/run-wall.sh ; STORAGE_PARENT=/dev/shm for tmpfs history
#   BUILDS=aot bash bench/run-wall.sh # only some of: jit r2r aot (default all three)
#   PERSTACK_NATIVE_BINARY=path/to/perstack BUILDS=aot bash bench/run-wall.sh   # an AOT binary published already
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
work=$(mktemp -d "${STORAGE_PARENT:-${TMPDIR:-/tmp}}/perstack-run-wall.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version) SDK, load average $(cut -d' ' -f1-3 /proc/loadavg)"

builds=" ${BUILDS:-jit r2r aot} "
echo "building bench/Perstack.Bench (Release, for the scripted LLM server)…"
dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null

jit=""
if [[ $builds == *" jit "* ]]; then
    echo "building Perstack.App (Release)…"
    dotnet build "$repo/Perstack.App" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
    jit="$repo/Perstack.App/bin/Release/net10.0/perstack"
fi

r2r=""
if [[ $builds == *" r2r "* ]]; then
    r2r="$work/r2r/perstack"
    echo "publishing ReadyToRun (linux-x64, framework-dependent)…"
    if ! dotnet publish "$repo/Perstack.App" -c Release -r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true \
            -o "$work/r2r" -nologo -v q -clp:ErrorsOnly >"$work/publish.log" 2>&1; then
        echo "ReadyToRun publish FAILED (offline? it needs the runtime pack and crossgen2 from NuGet):"
        tail -5 "$work/publish.log"
        r2r=""
    fi
fi

aot=""
if [[ $builds == *" aot "* ]]; then
    aot=${PERSTACK_NATIVE_BINARY:-}
    if [[ -z "$aot" ]]; then
        aot="$work/aot/perstack"
        echo "publishing Native AOT (linux-x64; several minutes on 2 cores)…"
        if ! dotnet publish "$repo/Perstack.App" -c Release -r linux-x64 -o "$work/aot" -nologo -v q -clp:ErrorsOnly >"$work/publish-aot.log" 2>&1; then
            echo "Native AOT publish FAILED (bash scripts/install-aot-prereqs.sh installs the native toolchain):"
            tail -5 "$work/publish-aot.log"
            aot=""
        fi
    fi
fi

project="$work/project"
dotnet "$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll" --scripted-llm "$project" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do [[ -f "$project/perstack.toml" ]] && break; sleep 0.1; done
[[ -f "$project/perstack.toml" ]] || { echo "the scripted LLM server did not start:"; cat "$work/server.out"; exit 1; }
echo "scripted LLM: $(head -1 "$work/server.out"); history in $project/perstack"
export ANTHROPIC_API_KEY=sk-ant-bench-0123456789

now_ns() { date +%s%N; }

# stats NAME VALUES… : min/median/max of integer milliseconds
stats() {
    local name=$1; shift
    printf '%s\n' "$@" | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
        median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "  %-28s min %5d ms   median %7.1f ms   max %5d ms   (n=%d)\n", name, v[1], median, v[NR], NR }'
}

# measure LABEL BINARY : RUNS timed `perstack run`, after one untimed warm-up run (disk cache, first JIT of nothing)
measure() {
    local label=$1 bin=$2 total=() start=() run=() exit_=() version=() help=()
    (cd "$project" && "$bin" run fake-basic "Say hello" >/dev/null 2>"$work/warmup.err") || { echo "$label: warm-up run failed:"; tail -20 "$work/warmup.err"; exit 1; }
    for _ in $(seq 1 "$runs"); do
        local t0 t1 first last
        t0=$(now_ns)
        (cd "$project" && "$bin" run fake-basic "Say hello" >"$work/out.ndjson")
        t1=$(now_ns)
        grep -q '"type":"completeRun"' "$work/out.ndjson" || { echo "$label: no completeRun event"; cat "$work/out.ndjson"; exit 1; }
        [[ $(grep -c '"type":"completeRun"' "$work/out.ndjson") == 1 && $(grep -o '"stepNumber":[0-9]*' "$work/out.ndjson" | tail -1) == '"stepNumber":2' ]] \
            || { echo "$label: the job did not complete at step 2"; exit 1; }
        first=$(grep -o '"timestamp":[0-9]*' "$work/out.ndjson" | head -1 | cut -d: -f2)
        last=$(grep -o '"timestamp":[0-9]*' "$work/out.ndjson" | tail -1 | cut -d: -f2)
        total+=($(( (t1 - t0) / 1000000 )))
        start+=($(( first - t0 / 1000000 )))
        run+=($(( last - first )))
        exit_+=($(( t1 / 1000000 - last )))
    done
    for _ in $(seq 1 "$runs"); do
        local v0
        v0=$(now_ns)
        "$bin" --version >/dev/null
        version+=($(( ($(now_ns) - v0) / 1000000 )))
        v0=$(now_ns)
        "$bin" run --help >/dev/null
        help+=($(( ($(now_ns) - v0) / 1000000 )))
    done
    echo "$label ($bin)"
    stats "perstack run (wall)" "${total[@]}"
    stats "  start → first event" "${start[@]}"
    stats "  first → last event" "${run[@]}"
    stats "  last event → exit" "${exit_[@]}"
    stats "perstack --version (wall)" "${version[@]}"
    stats "perstack run --help (wall)" "${help[@]}"
}

# The timing loop's own cost (two `date` forks around a process start), to read the small figures against.
loop=()
for _ in $(seq 1 "$runs"); do
    v0=$(now_ns)
    /bin/true
    loop+=($(( ($(now_ns) - v0) / 1000000 )))
done
echo "timing loop floor"
stats "/bin/true (wall)" "${loop[@]}"

if [[ -n "$jit" ]]; then
    measure "JIT (dotnet build -c Release)" "$jit"
fi
if [[ -n "$r2r" ]]; then
    measure "ReadyToRun (dotnet publish -p:PublishReadyToRun=true)" "$r2r"
fi
if [[ -n "$aot" ]]; then
    measure "Native AOT (dotnet publish -r linux-x64)" "$aot"
fi
echo "jobs written: $(ls "$project/perstack/jobs" | wc -l)"
