#!/usr/bin/env bash
# The S3-compatible server the tests, the benchmark and .ci/run use (tools/s3-server: s3rver from the npm registry,
# plus conditional writes; see tools/s3-server/server.js for what it does and does not check). Needs node and npm.
#
#   scripts/s3-server.sh install          npm ci from tools/s3-server into the cache (once per lock file); prints
#                                          the folder that holds server.js and node_modules
#   scripts/s3-server.sh start [ARGS...]  installs, starts it on a free 127.0.0.1 port with its data in a new temp
#                                          folder, and prints `export` lines for a shell (eval "$(… start)"):
#                                          AWS_ENDPOINT_URL_S3, dummy credentials, region, no instance metadata.
#                                          ARGS go to server.js (--no-conditional-writes, --bucket NAME).
#   scripts/s3-server.sh stop             stops the server `start` started and removes its data
#
# The state of a started server (pid, endpoint, data folder) is kept in $PERSTACK_S3_SERVER_STATE, default
# ${TMPDIR:-/tmp}/perstack-s3-server.<uid>.state.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
source_dir="$repo/tools/s3-server"
state=${PERSTACK_S3_SERVER_STATE:-${TMPDIR:-/tmp}/perstack-s3-server.$(id -u).state}

cache_root() {
    local base=${XDG_CACHE_HOME:-}
    [[ "$base" == /* ]] || base="$HOME/.cache"
    echo "$base/perstack-dev/s3-server"
}

install() {
    local hash dir
    hash=$(cat "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/server.js" | sha256sum | cut -c1-16)
    dir="$(cache_root)/$hash"
    if [[ ! -f "$dir/.installed" ]]; then
        # Installed beside and renamed into place: two installs at once (tests and a shell) never see a half one.
        local staging
        mkdir -p "$(cache_root)"
        staging=$(mktemp -d "$(cache_root)/.staging-XXXXXX")
        cp "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/server.js" "$staging/"
        if ! (cd "$staging" && npm ci --no-audit --no-fund --loglevel=error >&2); then
            rm -rf "$staging"
            echo "s3-server: npm ci failed in $source_dir's copy" >&2
            exit 1
        fi
        touch "$staging/.installed"
        if ! mv -T "$staging" "$dir" 2>/dev/null; then
            rm -rf "$staging" # another install won the rename
        fi
    fi
    echo "$dir"
}

start() {
    if [[ -f "$state" ]] && kill -0 "$(sed -n 1p "$state")" 2>/dev/null; then
        echo "s3-server: already running (pid $(sed -n 1p "$state"), $state); stop it first" >&2
        exit 1
    fi
    local dir data log pid endpoint=""
    dir=$(install)
    data=$(mktemp -d "${TMPDIR:-/tmp}/perstack-s3-data-XXXXXX")
    log="$data.log"
    # --openssl-legacy-provider: s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps there.
    nohup node --openssl-legacy-provider "$dir/server.js" --address 127.0.0.1 --port 0 --directory "$data" "$@" >"$log" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 1 100); do
        endpoint=$(sed -n 's/^listening //p' "$log" | head -1)
        [[ -n "$endpoint" ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z "$endpoint" ]]; then
        kill "$pid" 2>/dev/null || true
        echo "s3-server: did not start: $(cat "$log")" >&2
        rm -rf "$data" "$log"
        exit 1
    fi
    printf '%s\n%s\n%s\n' "$pid" "$endpoint" "$data" >"$state"
    echo "s3-server: listening on $endpoint (pid $pid, data $data)" >&2
    cat <<EOF
export AWS_ENDPOINT_URL_S3=$endpoint
export AWS_ACCESS_KEY_ID=S3RVER
export AWS_SECRET_ACCESS_KEY=S3RVER
export AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
EOF
}

stop() {
    [[ -f "$state" ]] || { echo "s3-server: not running ($state missing)" >&2; exit 0; }
    local pid data
    pid=$(sed -n 1p "$state")
    data=$(sed -n 3p "$state")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    [[ "$data" == "${TMPDIR:-/tmp}"/perstack-s3-data-* ]] && rm -rf "$data" "$data.log"
    rm -f "$state"
    echo "s3-server: stopped (pid $pid)" >&2
}

command=${1:-}
shift || true
case "$command" in
install) install ;;
start) start "$@" ;;
stop) stop ;;
*) echo "usage: $0 install | start [--no-conditional-writes] [--bucket NAME]... | stop" >&2; exit 1 ;;
esac
