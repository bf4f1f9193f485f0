#!/usr/bin/env bash
# Two builds of paycred-server side by side in one run, beside nginx serving a static JSON file of
# the same size as the list answer (the ceiling): GET /payments/credentials/ and
# GET .../{id}/get-private-key/ (an audited read: one event written per request) on each.
# Figures and ratios to the ceiling go to bench/results/compare_builds.txt.
# Usage: bench/compare_builds.sh OLD_SERVER NEW_SERVER   (environment: DURATION 5s, CONNECTIONS 32)
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1 NEW=$2
DURATION=${DURATION:-5s} CONNECTIONS=${CONNECTIONS:-32}
source bench/load_common.sh
need_tools wrk curl jq nginx python3
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; nginx_stop; rm -rf "$work"' EXIT
out=bench/results/compare_builds.txt
rate() { # wrk arguments → "req/s p99" (p99 in ms)
    timeout 120 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$work/wrk.out"
    wrk_figures "$work/wrk.out" | awk -F'\t' '{print $1, $3 "ms"}'
}

start() { # name binary → sets URL_<name>, TOKEN_<name>, ID_<name>
    local name=$1 bin=$2 dir=$work/$1 port
    port=$(free_port)
    export PAYCRED_PASSWORD_ITERATIONS=1000
    printf 'bench-password-2024\n' | "$bin" createsuperuser --username bench --dev --data-dir "$dir" >/dev/null
    "$bin" --dev --data-dir "$dir" --listen 127.0.0.1:"$port" >"$work/$name.out" 2>"$work/$name.log" &
    pids+=($!)
    local url=http://127.0.0.1:$port
    for _ in $(seq 50); do curl -sf "$url/health/" >/dev/null && break; sleep 0.1; done
    local token id
    token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-2024"}' "$url/users/login/" | jq -r .access_token)
    id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"provider":"kopokopo","api_key":"bench-api-key","private_key":"bench-private-key-0123456789","environment":"live"}' \
        "$url/payments/credentials/" | jq -r '.id // .credential.id')
    eval "URL_$name=$url TOKEN_$name=$token ID_$name=$id"
}
start old "$OLD"
start new "$NEW"

# The ceiling: nginx, 2 workers, a static file as large as the list answer.
curl -sf -H "Authorization: Bearer $TOKEN_new" "$URL_new/payments/credentials/" >"$work/list.json"
nginx_start "$work/list.json"
ceiling=$(rate "$NGINX_URL")

{
    echo "# Two builds side by side beside nginx ($(date -u +%FT%TZ)); wrk -t2 -c$CONNECTIONS -d$DURATION"
    echo "machine: $(nproc) cores, shared; old: $OLD; new: $NEW"
    echo "nginx static file ($(stat -c %s "$work/list.json") bytes): $ceiling (req/s, p99)"
    for name in old new; do
        eval "url=\$URL_$name token=\$TOKEN_$name id=\$ID_$name"
        list=$(rate -H "Authorization: Bearer $token" "$url/payments/credentials/")
        reveal=$(rate -H "Authorization: Bearer $token" "$url/payments/credentials/$id/get-private-key/")
        echo "$name GET list: $list; ratio to ceiling $(ratio "${list%% *}" "${ceiling%% *}")"
        echo "$name get-private-key: $reveal; ratio to ceiling $(ratio "${reveal%% *}" "${ceiling%% *}")"
    done
} | tee "$out"
