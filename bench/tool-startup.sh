#!/usr/bin/env bash
# Start time of the .NET tool package against the Native AOT binary: `perstack --version`, `perstack run --help` and
# `perstack jobs list` on 10,000 synthetic jobs (bench/Perstack.Bench, fixed seed), RUNS timed runs each (default 10)
# after one untimed warm-up, min/median/max wall time. Three builds:
#   tool (JIT)   the tool package as it was: framework-dependent IL only (PublishReadyToRun=false, TieredPGO on)
#   tool (R2R)   the tool package as shipped: RID-specific, ReadyToRun, TieredPGO off (Perstack.App.csproj)
#   native AOT   the default publish
# The floor — `node -e ''` and `less --version`, measured in the same run — and the load average before and after say
# how loaded the machine was.
#
#   bash bench/tool-startup.sh
#   AOT=/path/to/perstack bash bench/tool-startup.sh   # a Native AOT binary published already
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/perstack-tool-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=linux-x64

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version) SDK"
echo "uptime before: $(uptime)"

dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
jobs10k=$(dotnet "$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll" --generate-jobs 10000)

# pack NAME MSBUILD-PROPERTIES… : packs the tool into $work/NAME-feed and installs it into $work/NAME
pack() {
    local name=$1; shift
    dotnet pack "$repo/Perstack.App" -c Release -p:PerstackTool=true "$@" -o "$work/$name-feed" -nologo -v q -clp:ErrorsOnly >/dev/null
    dotnet tool install perstack --tool-path "$work/$name" --add-source "$work/$name-feed" >/dev/null
    echo "$name package: $(ls "$work/$name-feed" | tr '\n' ' ')"
}
# The JIT-only package: one framework-dependent package of IL, as before ReadyToRun.
pack jit -p:ToolPackageRuntimeIdentifiers= -p:PublishReadyToRun=false -p:TieredPGO=true
# The shipped package, for this machine's runtime identifier only (the others are the same build for other platforms).
pack r2r -p:ToolPackageRuntimeIdentifiers=$rid -p:RuntimeIdentifiers=$rid
aot=${AOT:-}
if [[ -z "$aot" ]]; then
    dotnet publish "$repo/Perstack.App" -c Release -r "$rid" -o "$work/aot" -nologo -v q -clp:ErrorsOnly >/dev/null
    aot="$work/aot/perstack"
fi

now_ns() { date +%s%N; }
stats() {
    local name=$1; shift
    printf '%s\n' "$@" | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
        median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "  %-42s min %5d ms   median %7.1f ms   max %5d ms   (n=%d)\n", name, v[1], median, v[NR], NR }'
}
# time_runs LABEL COMMAND… : one untimed warm-up, then RUNS timed runs (stdout and stderr to a file)
time_runs() {
    local label=$1; shift
    "$@" >"$work/out" 2>&1 || { echo "$label failed:"; cat "$work/out"; exit 1; }
    local times=()
    for _ in $(seq 1 "$runs"); do
        local t0
        t0=$(now_ns)
        "$@" >"$work/out" 2>&1
        times+=($(( ($(now_ns) - t0) / 1000000 )))
    done
    stats "$label" "${times[@]}"
}

echo "floor:"
time_runs "node -e ''" node -e ''
time_runs "less --version" less --version
for build in "tool (JIT):$work/jit/perstack" "tool (R2R):$work/r2r/perstack" "native AOT:$aot"; do
    name=${build%%:*} bin=${build#*:}
    echo "$name ($bin):"
    time_runs "perstack --version" "$bin" --version
    time_runs "perstack run --help" "$bin" run --help
    time_runs "perstack jobs list (10,000 jobs)" "$bin" jobs list --storage-path "$jobs10k"
done
echo "uptime after: $(uptime)"
