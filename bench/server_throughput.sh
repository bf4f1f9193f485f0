#!/usr/bin/env bash
# Throughput of paycred-server on loopback, measured with wrk on a throw-away --dev server:
#   1. GET /health/                                   (no auth, one SQLite ping)
#   2. GET /payments/credentials/ with a Bearer token (JWT check, user lookup, one query)
#   3. GET /health/ again with the per-request debug log on (to a file), to show what it costs
# Each run lasts $DURATION (default 10s) and is bounded by `timeout`; everything stays on
# 127.0.0.1. The figures go to bench/results/server_throughput.txt.
#
# Usage: bench/server_throughput.sh [path/to/paycred-server]
#   default: the first of build/release, build/server-release, build/ci, build/dev, build/server
#   environment: DURATION (10s), CONNECTIONS (32), THREADS (2: wrk's own threads)
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/load_common.sh
SERVER=$(find_server "${1:-}")
need_tools wrk curl jq

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
RESULTS=bench/results/server_throughput.txt
WORK=$(mktemp -d)
source bench/server_process.sh
trap 'stop_server; rm -rf "$WORK"' EXIT

# Cheap password hashing (the testing knob) so that set-up is quick; no PAYCRED_* leaks in.
ENV_ARGS=($(env | sed -n 's/^\(PAYCRED_[A-Z_]*\)=.*/-u \1/p')
    PAYCRED_PASSWORD_ITERATIONS=1000 NO_PROXY=127.0.0.1 no_proxy=127.0.0.1)

bench() { # $1: title, then wrk arguments
    local title=$1
    shift
    {
        echo "## $title"
        timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "$@"
        echo
    } | tee -a "$WORK/results"
}

printf 'bench-password-1\n' |
    env "${ENV_ARGS[@]}" "$SERVER" createsuperuser --username bench --dev --data-dir "$WORK/data" >/dev/null 2>>"$WORK/server.log"

start_server "paycred.*.debug=false" --dev --data-dir "$WORK/data"
TOKEN=$(curl -fsS -X POST "$BASE/users/login/" -H 'Content-Type: application/json' \
    -d '{"username": "bench", "password": "bench-password-1"}' | jq -r '.access_token')
curl -fsS -o /dev/null -X POST "$BASE/payments/credentials/" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d '{"provider": "kopokopo", "api_key": "pk_test_kopokopo_1234567890abcdef", "private_key": "sk_test_kopokopo_0987654321fedcba"}'

{
    echo "# paycred-server throughput ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "server: $SERVER ($(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- app core 2>/dev/null || echo ', uncommitted changes'))"
    echo "machine: $(nproc) cores, $(uname -m); wrk $THREADS threads, $CONNECTIONS connections, $DURATION per run, loopback"
    echo
} >"$WORK/results"

bench "GET /health/ (request log off)" "$BASE/health/"
bench "GET /payments/credentials/ authenticated, 1 credential (request log off)" \
    -H "Authorization: Bearer $TOKEN" "$BASE/payments/credentials/"
stop_server

start_server "paycred.server.debug=true" --dev --data-dir "$WORK/data"
bench "GET /health/ (request log on, to a file)" "$BASE/health/"
stop_server

mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/results" "$RESULTS"
echo "Written to $RESULTS"
