#!/usr/bin/env bash
# Checks with a provider that does not answer must not stall anything else: paycred-server's GET
# /payments/credentials/ at rest and while its provider pool is full of checks waiting on a
# provider that answers nothing for 30 s (tests/support/providerstandin.py's "slow" secret, on
# loopback over HTTPS), beside nginx serving a static file of the same size (the ceiling), in
# one run; also what one check costs against a provider that answers at once.
# Figures and ratios go to bench/results/provider_checks.txt.
# Usage: bench/provider_checks.sh [path/to/paycred-server]   (environment: DURATION 5s,
# CONNECTIONS 32). Tools: wrk curl jq nginx python3 openssl (scripts/install-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5s} CONNECTIONS=${CONNECTIONS:-32}
source bench/load_common.sh
need_tools wrk curl jq nginx python3 openssl
SERVER=$(find_server "${1:-}")
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; nginx_stop; rm -rf "$work"' EXIT
out=bench/results/provider_checks.txt
rate() { # wrk arguments → "req/s p99" (p99 in ms)
    timeout 120 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$work/wrk.out"
    wrk_figures "$work/wrk.out" | awk -F'\t' '{print $1, $3 "ms"}'
}

# The stand-in provider, with a certificate for this run only.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
timeout 600 python3 tests/support/providerstandin.py "$work/cert.pem" "$work/key.pem" \
    "$work/requests.jsonl" >"$work/standin.port" &
pids+=($!)
for _ in $(seq 50); do [[ -s $work/standin.port ]] && break; sleep 0.1; done
provider=https://127.0.0.1:$(cat "$work/standin.port")

port=$(free_port)
url=http://127.0.0.1:$port
export PAYCRED_PASSWORD_ITERATIONS=1000 PAYCRED_PROVIDER_CA_FILE=$work/cert.pem \
    PAYCRED_PROVIDER_CHECK_TIMEOUT=25 PAYCRED_KOPOKOPO_SANDBOX_URL=$provider
printf 'bench-password-2024\n' | "$SERVER" createsuperuser --username bench --dev --data-dir "$work/data" >/dev/null
timeout 900 "$SERVER" --dev --data-dir "$work/data" --listen 127.0.0.1:"$port" >"$work/server.out" 2>"$work/server.log" &
pids+=($!)
for _ in $(seq 50); do curl -sf "$url/health/" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-2024"}' "$url/users/login/" | jq -r .access_token)
credential() { # private key → id of a new KopoKopo sandbox credential of the bench user
    curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"provider\":\"kopokopo\",\"api_key\":\"kk-client-valid\",\"private_key\":\"$1\"}" \
        "$url/payments/credentials/" | jq -r .id
}
check() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H "Authorization: Bearer $token" "$url/payments/credentials/$1/check/"; }

valid=$(credential bench-secret-valid-0123)
# One check against a provider that answers at once: its whole cost (token, revoke, record).
for _ in 1 2 3; do check "$valid" >/dev/null; done
times=$(for _ in $(seq 20); do check "$valid"; done | awk '{print $2 * 1000}' | sort -n)
median=$(sed -n 10p <<<"$times")
curl -sf -X DELETE -H "Authorization: Bearer $token" "$url/payments/credentials/$valid/" >/dev/null

slow=$(credential bench-secret-slow-0123)
curl -sf -H "Authorization: Bearer $token" "$url/payments/credentials/" >"$work/list.json"
nginx_start "$work/list.json"
ceiling=$(rate "$NGINX_URL")
rest=$(rate -H "Authorization: Bearer $token" "$url/payments/credentials/")
# Fill the provider pool (4 running, 4 waiting) with checks that wait on the silent provider:
# once the provider has 4 of them, the other 4 (sent at once with them) wait in the pool.
before=$(wc -l <"$work/requests.jsonl")
for _ in $(seq 8); do check "$slow" >>"$work/slow.txt" & done
for _ in $(seq 100); do (($(wc -l <"$work/requests.jsonl") - before >= 4)) && break; sleep 0.1; done
sleep 0.5
refused=$(check "$slow" | cut -d' ' -f1)
busy=$(rate -H "Authorization: Bearer $token" "$url/payments/credentials/")
running=$(($(wc -l <"$work/requests.jsonl") - before))
{
    echo "# Provider checks beside the rest ($(date -u +%FT%TZ)); wrk -t2 -c$CONNECTIONS -d$DURATION"
    echo "machine: $(nproc) cores, shared; server: $SERVER; SQLite (--dev)"
    echo "one check, provider answering at once (token + revoke over HTTPS, record, audit): median ${median} ms of 20"
    echo "nginx static file ($(stat -c %s "$work/list.json") bytes): $ceiling (req/s, p99)"
    echo "GET list at rest: $rest; ratio to ceiling $(ratio "${rest%% *}" "${ceiling%% *}")"
    echo "GET list with the provider pool full ($running checks waiting on a silent provider, 4 more queued): $busy; ratio to ceiling $(ratio "${busy%% *}" "${ceiling%% *}"); ratio to at rest $(ratio "${busy%% *}" "${rest%% *}")"
    echo "a ninth check meanwhile: HTTP $refused (the pool is full: 503 at once)"
} | tee "$out"
