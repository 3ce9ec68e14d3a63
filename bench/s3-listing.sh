#!/usr/bin/env bash
# `perstack jobs list` on a bucket of the local S3 test server (scripts/s3-server.sh, conditional writes on), holding
# the 10,000 synthetic jobs of bench/Perstack.Bench (`--generate-jobs 10000`: written by our own serializers, one
# job.json each, as bench/jobs-wall.sh lists them on disk), uploaded by bench/s3-seed.mjs (signed PUTs, 32 at a time).
# Times RUNS listings (default 5) of three kinds, printing min/median/max beside the floor (`node -e ''`) and the
# machine's load:
#   - first listing: the bucket has no jobs index yet (deleted before each run) and there is no local cache — the full
#     ListObjectsV2 walk and 10,000 GETs, then the index is written;
#   - no cache: the bucket's jobs index is there, the user's cache folder is empty (a fresh XDG_CACHE_HOME each);
#   - with the cache: the user's cache folder holds the index's copy a first listing left (one HEAD finds it current).
# Targets (issue 18): ≤ 1.5 s without the cache, ≤ 300 ms with it.
#
#   BIN=/path/to/perstack bash bench/s3-listing.sh   # the Native AOT binary (default: the newest /tmp/*aot*/perstack)
#   JOBS=1000 bash bench/s3-listing.sh               # another number of jobs
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
jobs=${JOBS:-10000}
bin=${BIN:-$(ls -t /tmp/*aot*/perstack 2>/dev/null | head -1)}
[[ -x "$bin" ]] || { echo "no perstack binary: set BIN (publish with: dotnet publish Perstack.App -c Release -r linux-x64 -o DIR)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/perstack-s3-listing.XXXXXX")
export PERSTACK_S3_SERVER_STATE="$work/server.state"
trap '"$repo/scripts/s3-server.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
eval "$("$repo/scripts/s3-server.sh" start --bucket perstack-bench)"
location=s3://perstack-bench/history

history=${HISTORY:-}
if [[ -z "$history" ]]; then
    dotnet build "$repo/bench/Perstack.Bench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
    history=$(dotnet "$repo/bench/Perstack.Bench/bin/Release/net10.0/Perstack.Bench.dll" --generate-jobs "$jobs")
fi
start=$(date +%s%N)
objects=$(node "$repo/bench/s3-seed.mjs" "$history" perstack-bench history)
echo "seeded $objects objects ($jobs jobs) from $history in $(( ($(date +%s%N) - start) / 1000000 )) ms"

time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
stats() { sort -n | awk '{ a[NR] = $1 } END { printf "min %d / median %d / max %d ms", a[1], a[int((NR + 1) / 2)], a[NR] }'; }

listed=$(XDG_CACHE_HOME="$work/check" "$bin" jobs list --storage-path "$location" --json | grep -c '"id"' || true)
echo "jobs list --json lists $listed jobs"
echo "binary: $bin"
echo "load before: $(uptime)"
floor=$(for _ in $(seq "$runs"); do time_ms node -e ''; done | stats)
index_key=history/.perstack/index/jobs.bin
first=$(for i in $(seq "$runs"); do
    node "$repo/bench/s3-seed.mjs" --delete perstack-bench "$index_key"
    XDG_CACHE_HOME="$work/first-$i" time_ms "$bin" jobs list --storage-path "$location"
done | stats)
cold=$(for i in $(seq "$runs"); do XDG_CACHE_HOME="$work/cold-$i" time_ms "$bin" jobs list --storage-path "$location"; done | stats)
export XDG_CACHE_HOME="$work/warm"
"$bin" jobs list --storage-path "$location" >/dev/null
warm=$(for _ in $(seq "$runs"); do time_ms "$bin" jobs list --storage-path "$location"; done | stats)
echo "floor node -e '':          $floor"
echo "jobs list, first (no index, no cache): $first"
echo "jobs list, no cache:       $cold   (target 1500 ms)"
echo "jobs list, with the cache: $warm   (target 300 ms)"
echo "load after:  $(uptime)"
