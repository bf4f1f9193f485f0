#!/usr/bin/env bash
# The Administration API and window at scale (issue 9 item 5), on a data set of 50 000 users,
# 100 000 credentials and 1 000 000 chained audit events made by bench_admin_dataset through the
# project's own storage, sealer and audit chain (made once, then reused from $DATA):
#   1. over HTTP with curl, against paycred-server on a loopback port: the time to the first page
#      of GET /admin/users/, /admin/credentials/ and /admin/audit/ (default, each ordering=, some
#      filters), to their second page (what scrolling asks), GET /admin/stats/, and
#      GET /admin/audit/verify/ over the million events — medians of $RUNS runs;
#   2. the same requests in-process, through api::Router (bench_admin_router): the core alone;
#   3. bench_admin_panel: ui::AdminWindow (offscreen) against the same server — each paged
#      table's first page, the longest GUI-thread stall while scrolling to the end, its memory.
# The figures go to bench/results/admin_scale.txt; the aims are issue 9's: a first page under
# 100 ms, no stall over 16 ms, memory growing with the rows shown.
#
# Usage: bench/admin_scale.sh [BUILD_DIR]     (default build/bench: a Release tree, see below)
#   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPAYCRED_BUILD_TESTS=OFF
#   cmake --build build/bench --target paycred-server bench_admin_dataset bench_admin_router \
#       bench_admin_panel
# Environment: DATA (the data set's folder, default /tmp/paycred-admin-scale; remove it to make
# a new one), RUNS (5), VERIFY_RUNS (3), MAX_ROWS (100000: rows each table is scrolled to),
# USERS/CREDENTIALS/EVENTS (the data set's size, when it is made).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-build/bench}
SERVER=$BUILD/app/server/paycred-server
DATASET=$BUILD/bench/bench_admin_dataset
PANEL=$BUILD/bench/bench_admin_panel
ROUTER=$BUILD/bench/bench_admin_router
for binary in "$SERVER" "$DATASET" "$PANEL" "$ROUTER"; do
    [[ -x $binary ]] || {
        echo "$binary not found: build it (see the usage at the top of $0)." >&2
        exit 1
    }
done
for tool in curl jq; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (Debian package $tool)." >&2; exit 1; }
done

DATA=${DATA:-/tmp/paycred-admin-scale}
RUNS=${RUNS:-5}
VERIFY_RUNS=${VERIFY_RUNS:-3}
MAX_ROWS=${MAX_ROWS:-100000}
USERS=${USERS:-50000}
CREDENTIALS=${CREDENTIALS:-100000}
EVENTS=${EVENTS:-1000000}
# The superuser of the data set: a bench password, not a secret.
export BENCH_ADMIN_PASSWORD='admin-scale bench password'
ADMIN=bench-admin
RESULTS=bench/results/admin_scale.txt
WORK=$(mktemp -d)
source bench/server_process.sh
trap 'stop_server; rm -rf "$WORK"' EXIT

# No PAYCRED_* of the caller's leaks in: the server reads its keys from the data set's file.
ENV_ARGS=($(env | sed -n 's/^\(PAYCRED_[A-Z_]*\)=.*/-u \1/p') NO_PROXY=127.0.0.1 no_proxy=127.0.0.1)

# --- the data set, made once ---------------------------------------------------------------
if [[ ! -f $DATA/complete ]]; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    echo "Making the data set in $DATA (nice -n 10; a few minutes)..."
    nice -n 10 "$DATASET" "$DATA" "$USERS" "$CREDENTIALS" "$EVENTS" | tee "$DATA/generated.txt"
    touch "$DATA/complete"
fi

# --- the server ------------------------------------------------------------------------------
start_server "paycred.*.debug=false" --config "$DATA/server.ini"

TOKEN=
TOKEN_AT=0
# A fresh access token when the one there is may expire during the next request (5 minutes).
token() {
    if [[ -z $TOKEN ]] || ((SECONDS - TOKEN_AT > 200)); then
        TOKEN=$(jq -n --arg u "$ADMIN" --arg p "$BENCH_ADMIN_PASSWORD" '{username: $u, password: $p}' |
            curl -fsS -X POST "$BASE/users/login/" -H 'Content-Type: application/json' -d @- |
            jq -r '.access_token')
        TOKEN_AT=$SECONDS
    fi
}

median() { sort -n | awk '{v[NR] = $1} END {printf "%.1f", v[int((NR + 1) / 2)]}'; }

# Times GET $1 $2 times (curl's time_total, in ms); fails on anything but 200. Sets MEDIAN and
# leaves the last body in $WORK/body.
time_get() {
    local path=$1 runs=$2 line status
    token
    : >"$WORK/times"
    for _ in $(seq "$runs"); do
        line=$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total}\n' \
            -H "Authorization: Bearer $TOKEN" "$BASE$path")
        status=${line%% *}
        if [[ $status != 200 ]]; then
            echo "GET $path answered $status: $(head -c 300 "$WORK/body")" >&2
            exit 1
        fi
        awk '{printf "%.3f\n", $2 * 1000}' <<<"$line" >>"$WORK/times"
    done
    MEDIAN=$(median <"$WORK/times")
}

aim() { awk -v v="$1" -v aim="$2" 'BEGIN {print (v < aim) ? "met" : "MISSED"}'; }

# The first page of a list, then its second (the cursor the first gave).
list() {
    local path=$1 first count next
    time_get "$path" "$RUNS"
    first=$MEDIAN
    count=$(jq -r '.count // "null"' "$WORK/body")
    next=$(jq -r '.next // empty' "$WORK/body")
    local line
    line=$(printf '%-78s first page %7s ms (%s), count %s' "GET $path" "$first" \
        "$(aim "$first" 100)" "$count")
    if [[ -n $next ]]; then
        time_get "$next" "$RUNS"
        line+=$(printf '; next page %s ms' "$MEDIAN")
    fi
    echo "$line" | tee -a "$WORK/http"
}

SINCE=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
LISTS=()
for query in '' '?ordering=username' '?ordering=-username' '?ordering=date_joined' \
    '?ordering=-date_joined' '?ordering=last_login' '?ordering=-last_login' '?search=user0424' \
    '?search=user' '?is_active=false' '?is_superuser=true&ordering=-last_login'; do
    LISTS+=("/admin/users/$query")
done
for query in '' '?ordering=provider' '?ordering=-provider' '?ordering=environment' \
    '?ordering=-environment' '?ordering=owner' '?ordering=-owner' '?ordering=created_at' \
    '?ordering=-created_at' '?ordering=updated_at' '?ordering=-updated_at' '?environment=live' \
    '?provider=kopokopo&environment=live&is_active=true' '?is_active=false&ordering=-updated_at' \
    '?search=user0424' '?user=4242'; do
    LISTS+=("/admin/credentials/$query")
done
for query in '' '?ordering=at' '?ordering=-at' '?environment=live&action=private_key_revealed' \
    '?action=login&outcome=failed' '?outcome=denied&ordering=-at' '?user=4242' '?credential=4242' \
    "?since=$SINCE" '?action=user_unlocked&environment=live'; do
    LISTS+=("/admin/audit/$query")
done

: >"$WORK/http"
echo "## Over HTTP: curl's time_total, median of $RUNS runs (page_size: the default 50)" >>"$WORK/http"
for path in "${LISTS[@]}"; do
    list "$path"
done
time_get /admin/stats/ "$RUNS"
printf '%-78s %7s ms (%s)\n' "GET /admin/stats/" "$MEDIAN" "$(aim "$MEDIAN" 100)" | tee -a "$WORK/http"

time_get /admin/audit/verify/ "$VERIFY_RUNS"
VERIFY=$(jq -c . "$WORK/body")
[[ $(jq -r .intact "$WORK/body") == true ]] || { echo "the audit log does not verify: $VERIFY" >&2; exit 1; }
printf '%-78s %7s ms, median of %s runs: %s\n' "GET /admin/audit/verify/" "$MEDIAN" "$VERIFY_RUNS" \
    "$(jq -c '{intact, events}' "$WORK/body")" | tee -a "$WORK/http"

# --- in-process: the same requests through api::Router, no HTTP ----------------------------
echo "Measuring in-process through api::Router..."
key() { sed -n "s/^$1 = //p" "$DATA/server.ini"; }
{
    echo "## In-process: api::Router::handle() on the same database, median of $RUNS runs (verify: $VERIFY_RUNS)"
    printf '%s\n' "${LISTS[@]}" /admin/stats/ |
        env "${ENV_ARGS[@]}" PAYCRED_SECRET_KEY="$(key secret_key)" \
            PAYCRED_ENCRYPTION_KEY="$(key encryption_key)" PAYCRED_AUDIT_KEY="$(key audit_key)" \
            "$ROUTER" "$DATA/paycred.sqlite3" "$ADMIN" "$RUNS"
    echo /admin/audit/verify/ |
        env "${ENV_ARGS[@]}" PAYCRED_SECRET_KEY="$(key secret_key)" \
            PAYCRED_ENCRYPTION_KEY="$(key encryption_key)" PAYCRED_AUDIT_KEY="$(key audit_key)" \
            "$ROUTER" "$DATA/paycred.sqlite3" "$ADMIN" "$VERIFY_RUNS"
} >"$WORK/router" 2>"$WORK/router.log" || {
    echo "bench_admin_router failed:" >&2
    cat "$WORK/router" "$WORK/router.log" >&2
    exit 1
}
cat "$WORK/router"

# --- the window ------------------------------------------------------------------------------
# The client's per-request debug lines stay on, as in the app (it sets no logging rules), to a file.
echo "Measuring the Administration window (up to $MAX_ROWS rows a table)..."
env "${ENV_ARGS[@]}" QT_QPA_PLATFORM=offscreen "$PANEL" "$BASE" "$ADMIN" "$MAX_ROWS" \
    >"$WORK/panel" 2>"$WORK/panel.log" || {
    echo "bench_admin_panel failed:" >&2
    cat "$WORK/panel" "$WORK/panel.log" >&2
    exit 1
}
cat "$WORK/panel"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
stop_server

# --- the results -----------------------------------------------------------------------------
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")
{
    echo "# The Administration API and window at scale ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
        "$(uname -m), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); load" \
        "average at the end $LOAD_END — SHARED with other builds: figures are upper bounds"
    echo "build: ${BUILD_TYPE:-?} ($BUILD), $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- app core ui bench 2>/dev/null || echo ', uncommitted changes'); Qt $(qtpaths6 --qt-version 2>/dev/null || echo '?'), SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
    echo "data set: $(sqlite3 "$DATA/paycred.sqlite3" 'SELECT (SELECT count(*) FROM users) || " users, " || (SELECT count(*) FROM payment_credentials) || " credentials, " || (SELECT count(*) FROM audit_events) || " audit events"' 2>/dev/null || echo '?'), $(du -h "$DATA/paycred.sqlite3" | cut -f1) ($DATA)"
    echo "aims (issue 9): first page < 100 ms, no GUI-thread stall > 16 ms, memory growing with the rows shown"
    echo "where the time goes when an aim is missed (perf, by hand): bench/results/admin_scale_profile.txt"
    echo
    echo "## The data set (bench_admin_dataset, nice -n 10, when it was made)"
    cat "$DATA/generated.txt"
    echo
    cat "$WORK/http"
    echo
    cat "$WORK/router"
    echo
    cat "$WORK/panel"
} >"$WORK/results"
mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/results" "$RESULTS"
echo "Written to $RESULTS"
