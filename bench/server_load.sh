#!/usr/bin/env bash
# paycred-server under load, beside nginx serving a static file of the same size (the ceiling),
# in one run: see usage() below, or run with --help. Writes bench/results/server_load.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat <<'EOF'
Usage: bench/server_load.sh [options] [path/to/paycred-server]

Measures paycred-server under load on 127.0.0.1 with wrk, beside nginx serving a static JSON
file exactly as large as the server's GET /payments/credentials/ answer (the ceiling: what this
machine serves at most), and writes every figure, with its ratio to the ceiling measured in the
same run, to bench/results/server_load.txt. Absolute numbers vary between machines; the ratios
are what to track.

In one run, on SQLite (a --dev data folder) and on PostgreSQL (a throw-away cluster started by
the tests' own fixture, paycred_postgres_fixture), each at 1, 8, 32 and 64 connections:
  nginx         GET of the static file (the ceiling; once, for both back ends)
  list          GET /payments/credentials/ (authenticated)
  reveal        GET /payments/credentials/{id}/get-private-key/ (writes an audit event)
  verify        POST /payments/credentials/{id}/verify/ (right key; writes an audit event)
  create+delete POST /payments/credentials/ then DELETE of the id it answered, in turn
  login         POST /users/login/ at the server's real cost (1 000 000 PBKDF2 iterations)
then a login storm (8 clients logging in without pause) while GET list is measured at 4 and 32
connections, beside the same at rest; and the memory run (SQLite): the server's RSS after the
first 100 000 requests of a steady mix (GET list and get-private-key) and after 1 000 000.

Options:
  --backend sqlite|postgresql|both   which back ends to measure (default: both)
  --memory                           only the memory run (SQLite)
  --no-memory                        everything but the memory run
  --duration SECONDS                 each measurement's length (default 5; at most 240, an
                                     access token lives 5 minutes); also DURATION=5s
  --connections "1 8 32 64"          the connection counts of the table
  --memory-requests N                the memory run's total (default 1000000; the first
                                     reading is at a tenth of it)
  --output FILE                      where the results go (default bench/results/server_load.txt)
  -h, --help                         this text

The server: the path given, else the first of build/release, build/server-release, build/ci,
build/dev, build/server. PostgreSQL needs the tests' fixture built beside it (or in build/ci):
  cmake --build --preset ci -j2 --target paycred-server paycred_postgres_fixture
(PAYCRED_POSTGRES_FIXTURE=path overrides where it is looked for), and Debian's postgresql.

Tools: wrk, nginx (Debian's nginx-light, run with its own configuration, never as the system
service), curl, jq, python3, psql — scripts/install-deps installs them all, or
  apt-get install wrk nginx-light curl jq python3 postgresql
Nothing is installed by this script.

Duration: the full run took 11 to 12 minutes on a 2-core machine at the default 5 s per
measurement (about 60 measurements, the set-up, and the memory run: about 4 minutes at
4 000 req/s, its length depends on the server's speed); --backend sqlite --no-memory about
3 minutes.

Every process is bounded by `timeout`, listens on 127.0.0.1 only, and is stopped on exit (also
on Ctrl-C), with its temporary folders removed.
EOF
}

COMMAND_LINE=bench/server_load.sh
if (($#)); then COMMAND_LINE+=$(printf ' %q' "$@"); fi
BACKENDS="sqlite postgresql"
MEMORY=with
DURATION=${DURATION:-5s}
CONNECTION_COUNTS="1 8 32 64"
MEMORY_REQUESTS=1000000
RESULTS=bench/results/server_load.txt
SERVER_ARG=
while (($#)); do
    case $1 in
    -h | --help) usage; exit 0 ;;
    --backend)
        case ${2:-} in
        sqlite | postgresql) BACKENDS=$2 ;;
        both) BACKENDS="sqlite postgresql" ;;
        *) echo "--backend takes sqlite, postgresql or both" >&2; exit 2 ;;
        esac
        shift 2 ;;
    --memory) MEMORY=only; shift ;;
    --no-memory) MEMORY=without; shift ;;
    --duration) DURATION=${2:-}; shift 2 ;;
    --connections) CONNECTION_COUNTS=${2:-}; shift 2 ;;
    --memory-requests) MEMORY_REQUESTS=${2:-}; shift 2 ;;
    --output) RESULTS=${2:-}; shift 2 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) SERVER_ARG=$1; shift ;;
    esac
done
[[ $DURATION =~ ^([0-9]+)s?$ ]] && SECS=${BASH_REMATCH[1]} && ((SECS >= 1 && SECS <= 240)) || {
    echo "--duration takes whole seconds from 1 to 240 (an access token lives 5 minutes)" >&2
    exit 2
}
[[ $CONNECTION_COUNTS =~ ^[0-9\ ]+$ ]] || { echo "--connections takes numbers" >&2; exit 2; }
[[ $MEMORY_REQUESTS =~ ^[0-9]+$ ]] && ((MEMORY_REQUESTS >= 10)) || {
    echo "--memory-requests takes a number (at least 10)" >&2
    exit 2
}
[[ $MEMORY == only ]] && BACKENDS=sqlite

source bench/load_common.sh
source bench/server_process.sh
need_tools wrk curl jq nginx python3 timeout
SERVER=$(find_server "$SERVER_ARG")
FIXTURE=
if [[ $BACKENDS == *postgresql* ]]; then
    need_tools psql
    FIXTURE=${PAYCRED_POSTGRES_FIXTURE:-}
    if [[ -z $FIXTURE ]]; then
        for candidate in "$(dirname "$SERVER")/../../tests/paycred_postgres_fixture" \
            build/ci/tests/paycred_postgres_fixture build/dev/tests/paycred_postgres_fixture; do
            [[ -x $candidate ]] && FIXTURE=$candidate && break
        done
    fi
    [[ -n $FIXTURE && -x $FIXTURE ]] || {
        echo "PostgreSQL is measured with the tests' fixture, paycred_postgres_fixture, which is" \
            "not built: cmake --build --preset ci -j2 --target paycred_postgres_fixture (or set" \
            "PAYCRED_POSTGRES_FIXTURE, or run with --backend sqlite)." >&2
        exit 1
    }
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || {
        echo "PostgreSQL is not installed: apt-get install postgresql (or scripts/install-deps)," \
            "or run with --backend sqlite." >&2
        exit 1
    }
fi

# --- constants: bench accounts and keys, not secrets -------------------------------------------
PASSWORD='bench-load-password-2024'
export PAYCRED_BENCH_PRIVATE_KEY='sk_bench_load_private_key_0123456789'
export PAYCRED_BENCH_LOGIN_PASSWORD=$PASSWORD
LOGIN_USERS=8                # the storm's clients, each its own user
SETUP_ITERATIONS=1000        # PAYCRED_PASSWORD_ITERATIONS while setting up (its minimum)
# The server's own default, as its source states it (what runs when the variable is unset).
DEFAULT_ITERATIONS=$(sed -n "s/.*DefaultIterations = \([0-9']*\);.*/\1/p" \
    core/crypto/passwordhasher.h 2>/dev/null | tr -d "'")
DEFAULT_ITERATIONS=${DEFAULT_ITERATIONS:-unknown}
WRK_TIMEOUT=30s              # a request slower than this counts as a wrk timeout error
MAX_CONNECTIONS=0
for c in $CONNECTION_COUNTS; do ((c > MAX_CONNECTIONS)) && MAX_CONNECTIONS=$c; done
((MAX_CONNECTIONS >= 1)) || { echo "--connections needs at least one count" >&2; exit 2; }

WORK=$(mktemp -d -t paycred-load.XXXXXX)
PG_DIR=
STORM_PID=
cleanup() {
    trap - EXIT INT TERM
    [[ -n $STORM_PID ]] && kill "$STORM_PID" 2>/dev/null && wait "$STORM_PID" 2>/dev/null
    stop_server
    nginx_stop
    if [[ -n $PG_DIR ]]; then
        # The fixture stops its server and removes its folder.
        timeout 60 "$FIXTURE" stop "$PG_DIR" >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# No PAYCRED_* of the caller's leaks in.
ENV_BASE=($(env | sed -n 's/^\(PAYCRED_[A-Z_]*\)=.*/-u \1/p') NO_PROXY=127.0.0.1 no_proxy=127.0.0.1)
DB_ENV=()
STARTED=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - STARTED)) "$*" >&2; }

# api METHOD PATH TOKEN|- [JSON]: the answer's body; stops the run on anything but a 2xx (set-up
# only: the measured requests never stop the run).
api() {
    local method=$1 path=$2 token=$3 body=${4:-} status
    local args=(-sS --max-time 120 -X "$method" -o "$WORK/api.out" -w '%{http_code}')
    [[ $token != - ]] && args+=(-H "Authorization: Bearer $token")
    [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
    status=$(curl "${args[@]}" "$BASE$path") || status=000
    if [[ $status != 2* ]]; then
        echo "set-up: $method $path answered $status: $(head -c 300 "$WORK/api.out")" >&2
        exit 1
    fi
    cat "$WORK/api.out"
}

# login USER: "ACCESS REFRESH" of a new session.
login() {
    api POST /users/login/ - "{\"username\": \"$1\", \"password\": \"$PASSWORD\"}" |
        jq -r '"\(.access_token) \(.refresh_token)"'
}

# refreshed REFRESH: a new access token (no password work).
refreshed() {
    api POST /users/token/refresh/ - "{\"refresh_token\": \"$1\"}" | jq -r .access_token
}

# --- the back end's server ---------------------------------------------------------------------
# Set by setup_backend: DATA, TOKEN (the superuser's, kept fresh by fresh_tokens), REFRESH,
# CREDENTIAL (the kopokopo credential's id), LIST_BYTES, LIST_COUNT; CD_REFRESH/CD_TOKENS (one
# user per create+delete connection).
TOKEN='' REFRESH='' TOKEN_AT=0 CREDENTIAL='' LIST_BYTES='' LIST_COUNT='' CD_TOKENS='' CD_AT=-1000
CD_REFRESH=()
PG_DATABASES=0
LOGIN_HASH_ITERATIONS='' HASHES_SEEN=''

start_postgres() {
    [[ -n $PG_DIR ]] && return
    PG_DIR=$(mktemp -d -t paycred-load-pg.XXXXXX)
    log "PostgreSQL: starting a throw-away cluster with $FIXTURE"
    timeout 120 "$FIXTURE" start "$PG_DIR" >"$WORK/fixture.log" 2>&1 || {
        echo "PostgreSQL did not start:" >&2
        cat "$WORK/fixture.log" >&2
        exit 1
    }
    PG_PORT=$(cat "$PG_DIR/port")
}

# setup_backend sqlite|postgresql: a new data folder (and database), its superuser, two
# credentials, the create+delete users — on a server with cheap password hashing — then the
# measured server at the real default, where the login users are made (so their hashes have the
# real cost).
setup_backend() {
    local backend=$1 pair i
    DATA=$WORK/$backend-data
    DB_ENV=()
    if [[ $backend == postgresql ]]; then
        start_postgres
        PG_DATABASES=$((PG_DATABASES + 1))
        local name=paycred_load_$PG_DATABASES
        # The fixture's role and password (tests/support/postgrescluster.cpp).
        PGPASSWORD=paycred-test timeout 60 psql -h 127.0.0.1 -p "$PG_PORT" -U paycred \
            -d postgres -qc "CREATE DATABASE $name" >/dev/null
        DB_ENV=(PAYCRED_DATABASE="postgresql://paycred:paycred-test@127.0.0.1:$PG_PORT/$name")
    fi
    log "$backend: set-up ("PAYCRED_PASSWORD_ITERATIONS=$SETUP_ITERATIONS")"
    ENV_ARGS=("${ENV_BASE[@]}" "${DB_ENV[@]}" "PAYCRED_PASSWORD_ITERATIONS=$SETUP_ITERATIONS")
    printf '%s\n' "$PASSWORD" | timeout 120 env "${ENV_ARGS[@]}" "$SERVER" createsuperuser \
        --username bench --dev --data-dir "$DATA" >/dev/null 2>>"$WORK/server.log"
    start_server "paycred.*.debug=false" --dev --data-dir "$DATA"
    pair=$(login bench)
    TOKEN=${pair% *} REFRESH=${pair#* } TOKEN_AT=$SECONDS
    CREDENTIAL=$(api POST /payments/credentials/ "$TOKEN" "{\"provider\": \"kopokopo\", \
\"api_key\": \"bench-api-key-kopokopo\", \"private_key\": \"$PAYCRED_BENCH_PRIVATE_KEY\", \
\"environment\": \"sandbox\"}" | jq -r .id)
    api POST /payments/credentials/ "$TOKEN" "{\"provider\": \"instasend\", \
\"api_key\": \"bench-api-key-instasend\", \"private_key\": \"$PAYCRED_BENCH_PRIVATE_KEY\", \
\"environment\": \"sandbox\"}" >/dev/null
    CD_REFRESH=()
    for ((i = 1; i <= MAX_CONNECTIONS; i++)); do
        api POST /admin/users/ "$TOKEN" \
            "{\"username\": \"bench-cd-$i\", \"password\": \"$PASSWORD\"}" >/dev/null
        pair=$(login "bench-cd-$i")
        CD_REFRESH+=("${pair#* }")
    done
    CD_AT=-1000
    stop_server

    log "$backend: the measured server (password iterations: the default, $DEFAULT_ITERATIONS)"
    ENV_ARGS=("${ENV_BASE[@]}" "${DB_ENV[@]}")
    start_server "paycred.*.debug=false" --dev --data-dir "$DATA"
    fresh_tokens
    for ((i = 1; i <= LOGIN_USERS; i++)); do
        api POST /admin/users/ "$TOKEN" \
            "{\"username\": \"bench-login-$i\", \"password\": \"$PASSWORD\"}" >/dev/null
    done
    # What the login rows cost, read back from the database: the iteration field of the login
    # users' stored hashes (pbkdf2_sha256$ITERATIONS$salt$hash), never the hash itself.
    local query="SELECT DISTINCT split_part(password_hash, '\$', 2) FROM users WHERE username LIKE 'bench-login-%'"
    if [[ $backend == postgresql ]]; then
        LOGIN_HASH_ITERATIONS=$(PGPASSWORD=paycred-test timeout 60 psql -h 127.0.0.1 -p "$PG_PORT" \
            -U paycred -d "paycred_load_$PG_DATABASES" -qAtc "$query" | paste -sd,)
    elif command -v sqlite3 >/dev/null; then
        LOGIN_HASH_ITERATIONS=$(timeout 60 sqlite3 "file:$DATA/paycred.sqlite3?mode=ro" \
            "SELECT DISTINCT substr(substr(password_hash, instr(password_hash, '\$') + 1), 1,
                 instr(substr(password_hash, instr(password_hash, '\$') + 1), '\$') - 1)
             FROM users WHERE username LIKE 'bench-login-%'" | paste -sd,)
    fi
    HASHES_SEEN+="$backend: ${LOGIN_HASH_ITERATIONS:-not read (no sqlite3)}; "
    api GET /payments/credentials/ "$TOKEN" >"$WORK/list.json"
    LIST_BYTES=$(stat -c %s "$WORK/list.json")
    LIST_COUNT=$(jq length "$WORK/list.json")
}

# A new access token when the one held might not outlast the next measurement (they live five
# minutes; no password work: a refresh).
token_margin() { local m=$((240 - SECS)); ((m < 10)) && m=10; echo "$m"; }
fresh_tokens() {
    if ((SECONDS - TOKEN_AT > $(token_margin))); then
        TOKEN=$(refreshed "$REFRESH")
        TOKEN_AT=$SECONDS
    fi
}

# The create+delete users' access tokens, fresh; and no credential left from a create that was
# still under way when the last run stopped (its user could not create again).
fresh_cd_tokens() {
    local i ids id tokens=()
    if ((SECONDS - CD_AT > $(token_margin))); then
        for ((i = 0; i < MAX_CONNECTIONS; i++)); do
            tokens+=("$(refreshed "${CD_REFRESH[i]}")")
        done
        CD_TOKENS=${tokens[*]}
        CD_AT=$SECONDS
    fi
    read -r -a tokens <<<"$CD_TOKENS"
    for ((i = 0; i < $1; i++)); do
        ids=$(api GET /payments/credentials/ "${tokens[i]}" | jq -r '.[].id')
        for id in $ids; do
            api DELETE "/payments/credentials/$id/" "${tokens[i]}" >/dev/null
        done
    done
}

# Waits until the server uses under 10 % of a core (over half a second), so that work left over
# from one measurement (logins still being hashed after wrk stopped) does not slow the next;
# at most two minutes.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat" 2>/dev/null || echo 0; }
wait_idle() {
    local before after hz
    hz=$(getconf CLK_TCK)
    for _ in $(seq 240); do
        before=$(cpu_ticks)
        sleep 0.5
        after=$(cpu_ticks)
        ((after - before <= hz / 20)) && return
    done
    log "warning: the server was still busy after two minutes"
}

# --- measuring ---------------------------------------------------------------------------------
# Rows, tab-separated, in $WORK/rows: backend, request, connections, req/s, p50, p99, max,
# requests, non-2xx, socket errors, statuses (from a Lua script, or "-"), tally ("-").
declare -A CEILING
ROWS=$WORK/rows
: >"$ROWS"

# measure BACKEND REQUEST CONNECTIONS THREADS IDLE wrk-arguments...: one wrk run into $ROWS.
# IDLE: "wait" for the server to settle afterwards, "nowait" during the storm.
measure() {
    local backend=$1 request=$2 connections=$3 threads=$4 idle=$5 figures statuses tallies
    shift 5
    log "$backend: $request at $connections connections"
    if ! timeout $((SECS + 90)) wrk -t"$threads" -c"$connections" -d"${SECS}s" \
        --timeout "$WRK_TIMEOUT" --latency "$@" >"$WORK/wrk.out" 2>&1; then
        log "wrk failed: $(tail -n 3 "$WORK/wrk.out" | tr '\n' ' ')"
        echo "wrk failed" >>"$WORK/wrk.out"
    fi
    figures=$(wrk_figures "$WORK/wrk.out")
    statuses=$(sed -n 's/^statuses //p' "$WORK/wrk.out")
    tallies=$(sed -n 's/^tally //p' "$WORK/wrk.out")
    grep -q '^wrk failed' "$WORK/wrk.out" && tallies="wrk failed ${tallies}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$backend" "$request" "$connections" "$figures" \
        "${statuses:--}" "${tallies:--}" >>"$ROWS"
    [[ $idle == wait && $backend != nginx ]] && wait_idle
    return 0
}

threads_for() { (($1 >= 2)) && echo 2 || echo 1; }

# The ceiling, measured again right before each back end's rows (CEILING[BACKEND:CONNECTIONS]),
# so that on a shared machine each ratio compares figures taken under the same load.
measure_ceiling() {
    local backend=$1 c
    nginx_start "$WORK/list.json"
    log "nginx: serving a static file of $LIST_BYTES bytes at $NGINX_URL"
    # The table's counts, and the storm's (4 and 32).
    for c in $(echo "$CONNECTION_COUNTS 4 32" | tr ' ' '\n' | sort -nu); do
        measure nginx "static file, before $backend" "$c" "$(threads_for "$c")" wait "$NGINX_URL"
        CEILING[$backend:$c]=$(tail -n 1 "$ROWS" | cut -f4)
    done
    nginx_stop
}

measure_backend() {
    local backend=$1 c url=$BASE/payments/credentials
    for c in $CONNECTION_COUNTS; do
        fresh_tokens
        measure "$backend" "GET list" "$c" "$(threads_for "$c")" wait \
            -H "Authorization: Bearer $TOKEN" "$url/"
    done
    for c in $CONNECTION_COUNTS; do
        fresh_tokens
        measure "$backend" "get-private-key" "$c" "$(threads_for "$c")" wait \
            -H "Authorization: Bearer $TOKEN" "$url/$CREDENTIAL/get-private-key/"
    done
    for c in $CONNECTION_COUNTS; do
        fresh_tokens
        measure "$backend" "verify" "$c" "$(threads_for "$c")" wait -s bench/wrk/verify.lua \
            -H "Authorization: Bearer $TOKEN" "$url/$CREDENTIAL/verify/"
    done
    for c in $CONNECTION_COUNTS; do
        fresh_cd_tokens "$c"
        PAYCRED_BENCH_TOKENS=$CD_TOKENS measure "$backend" "create+delete" "$c" "$c" wait \
            -s bench/wrk/create_delete.lua "$BASE/"
    done
    for c in $CONNECTION_COUNTS; do
        PAYCRED_BENCH_LOGIN_USERS=$(login_users) measure "$backend" "login" "$c" \
            "$(threads_for "$c")" wait -s bench/wrk/login.lua "$BASE/"
    done
}

login_users() { seq -f 'bench-login-%g' 1 "$LOGIN_USERS" | paste -sd' '; }

# GET list at 4 and 32 connections, at rest and during a login storm: LOGIN_USERS clients
# logging in (each its own user, the right password) without pause, started a few seconds
# before and ending after; its own figures go to $WORK/storm-BACKEND.
STORM_WARMUP=3
measure_storm() {
    local backend=$1 c url=$BASE/payments/credentials/
    for c in 4 32; do
        fresh_tokens
        measure "$backend" "GET list, at rest" "$c" 2 wait -H "Authorization: Bearer $TOKEN" "$url"
    done
    fresh_tokens
    local storm_secs=$((STORM_WARMUP + 2 * SECS + 4))
    log "$backend: login storm, $LOGIN_USERS clients for ${storm_secs}s"
    PAYCRED_BENCH_LOGIN_USERS=$(login_users) timeout $((storm_secs + 90)) wrk -t2 \
        -c"$LOGIN_USERS" -d"${storm_secs}s" --timeout 60s --latency -s bench/wrk/login.lua \
        "$BASE/" >"$WORK/storm.out" 2>&1 &
    STORM_PID=$!
    sleep "$STORM_WARMUP"
    for c in 4 32; do
        fresh_tokens
        measure "$backend" "GET list, login storm" "$c" 2 nowait \
            -H "Authorization: Bearer $TOKEN" "$url"
    done
    wait "$STORM_PID" || log "the storm's wrk failed: $(tail -n 3 "$WORK/storm.out" | tr '\n' ' ')"
    STORM_PID=
    {
        printf 'seconds\t%s\n' "$storm_secs"
        printf 'figures\t%s\n' "$(wrk_figures "$WORK/storm.out")"
        printf 'statuses\t%s\n' "$(sed -n 's/^statuses //p' "$WORK/storm.out")"
    } >"$WORK/storm-$backend"
    wait_idle
}

# The memory run (SQLite): a new server process on the data so far; the mix in short wrk runs
# until MEMORY_REQUESTS/10 answers, VmRSS, then on to MEMORY_REQUESTS, VmRSS again.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$PID/status"; }
measure_memory() {
    local total=0 non2xx=0 errors="" first_total='' first_rss='' rate=0 chunk figures requests
    local first_target=$((MEMORY_REQUESTS / 10)) target empty=0
    stop_server
    start_server "paycred.*.debug=false" --dev --data-dir "$DATA"
    export PAYCRED_BENCH_CREDENTIAL_ID=$CREDENTIAL
    local start_rss
    start_rss=$(rss_kb)
    TOKEN_AT=-1000
    for target in "$first_target" "$MEMORY_REQUESTS"; do
        while ((total < target)); do
            fresh_tokens
            # Runs of at most 10 s, shorter as the target nears (wrk stops on time, not count).
            chunk=1
            ((rate > 0)) && chunk=$(((target - total) / rate))
            ((chunk < 1)) && chunk=1
            ((chunk > 10)) && chunk=10
            timeout $((chunk + 60)) wrk -t2 -c32 -d"${chunk}s" --timeout "$WRK_TIMEOUT" --latency \
                -s bench/wrk/mix.lua -H "Authorization: Bearer $TOKEN" "$BASE/" >"$WORK/wrk.out" 2>&1 ||
                log "wrk failed: $(tail -n 3 "$WORK/wrk.out" | tr '\n' ' ')"
            figures=$(wrk_figures "$WORK/wrk.out")
            requests=$(cut -f5 <<<"$figures")
            total=$((total + requests))
            non2xx=$((non2xx + $(cut -f6 <<<"$figures")))
            [[ $(cut -f7 <<<"$figures") != - ]] && errors+="$(cut -f7 <<<"$figures"); "
            rate=$((requests / chunk))
            if ((requests == 0)); then
                empty=$((empty + 1))
                kill -0 "$PID" 2>/dev/null && ((empty < 5)) || {
                    log "the memory run stopped: no answers (server alive: $(kill -0 "$PID" 2>/dev/null && echo yes || echo no))"
                    break 2
                }
            fi
        done
        if [[ -z $first_total ]]; then
            first_total=$total first_rss=$(rss_kb)
            log "memory: $first_rss kB after $total requests"
        fi
    done
    local last_rss
    last_rss=$(rss_kb 2>/dev/null || echo 0)
    log "memory: $last_rss kB after $total requests"
    {
        printf 'start\t%s\n' "$start_rss"
        printf 'first\t%s\t%s\n' "$first_total" "$first_rss"
        printf 'last\t%s\t%s\n' "$total" "$last_rss"
        printf 'non2xx\t%s\n' "$non2xx"
        printf 'errors\t%s\n' "${errors:--}"
    } >"$WORK/memory"
}

# --- the run -----------------------------------------------------------------------------------
log "server: $SERVER; ${SECS}s per measurement; back ends: $BACKENDS; memory run: $MEMORY"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
LIST_INFO=''
for backend in $BACKENDS; do
    setup_backend "$backend"
    LIST_INFO+="$backend: $LIST_COUNT credentials, $LIST_BYTES bytes; "
    if [[ $MEMORY != only ]]; then
        measure_ceiling "$backend"
        measure_backend "$backend"
        measure_storm "$backend"
    fi
    [[ $backend == sqlite && $MEMORY != without ]] && measure_memory
    stop_server
done
ELAPSED=$((SECONDS - STARTED))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the results file --------------------------------------------------------------------------
# errors_of NON2XX SOCKET STATUSES: what went wrong in a row, or "-".
errors_of() {
    local non2xx=$1 socket=$2 statuses=$3 out=() pair
    if [[ $statuses != - ]]; then
        for pair in $statuses; do
            [[ ${pair%%=*} == 2* ]] || out+=("${pair%%=*}×${pair#*=}")
        done
    elif ((non2xx > 0)); then
        out+=("non-2xx×$non2xx")
    fi
    [[ $socket != - ]] && out+=("socket: $socket")
    ((${#out[@]})) && echo "${out[*]}" || echo "-"
}

write_results() {
    local commit dirty=""
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    git diff --quiet HEAD -- app core 2>/dev/null || dirty=" (with uncommitted changes in app/ or core/)"
    echo "# paycred-server under load, beside nginx (bench/server_load.sh)"
    echo
    echo "- command: \`$COMMAND_LINE\` — took $((ELAPSED / 60)) min $((ELAPSED % 60)) s"
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- machine: $(nproc) cores (nproc), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(uname -sr); wrk and nginx share the cores with the server; load average (1, 5, 15 min) $LOAD_BEFORE at the start, $LOAD_AFTER at the end"
    echo "- commit: $commit ($(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?'))$dirty; server: $SERVER (built $(date -u -r "$SERVER" +%Y-%m-%dT%H:%MZ))"
    echo "- tools: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)$( [[ -n $PG_DIR || $BACKENDS == *postgresql* ]] && echo ", PostgreSQL $(psql --version | awk '{print $3}') (fsync off: the tests' fixture)")"
    echo "- wrk: ${SECS}s per row, --latency, --timeout $WRK_TIMEOUT, 2 threads (1 at 1 connection; create+delete: one thread per connection, see below), keep-alive, 127.0.0.1"
    echo "- passwords: set-up at PAYCRED_PASSWORD_ITERATIONS=$SETUP_ITERATIONS (the superuser and the create+delete users, never measured logging in); the measured server runs with it unset, the real default of $DEFAULT_ITERATIONS PBKDF2-SHA256 iterations (PasswordHasher::DefaultIterations), and the login rows and the storm log in as users hashed there at that count (their stored hashes' iterations, read from the database: ${HASHES_SEEN%; })"
    if [[ $MEMORY != only ]]; then
        echo "- the list: ${LIST_INFO%; } (the most one user can hold: one per provider); nginx serves a static file of exactly those bytes, and is measured again before each back end's rows, which are compared with that measurement"
        echo
        echo "## Throughput and latency (ratio: req/s over nginx's at the same connection count, measured just before)"
        echo
        echo "| back end | request | conns | req/s | p50 ms | p99 ms | max ms | ratio | errors |"
        echo "|---|---|--:|--:|--:|--:|--:|--:|---|"
        local backend request conns rps p50 p99 max requests non2xx socket statuses tallies
        while IFS=$'\t' read -r backend request conns rps p50 p99 max requests non2xx socket statuses tallies; do
            [[ $request == "GET list, "* ]] && continue
            local errors
            errors=$(errors_of "$non2xx" "$socket" "$statuses")
            [[ $tallies == "wrk failed"* ]] && errors="wrk failed; $errors"
            # req/s counts refused answers too (a fast 503 is an answer): say what was served.
            if [[ $statuses != - && $errors != - ]]; then
                local served=0 pair
                for pair in $statuses; do
                    [[ ${pair%%=*} == 2* ]] && served=$((served + ${pair#*=}))
                done
                errors="$errors; served (2xx): $served, $(awk -v n="$served" -v s="$SECS" 'BEGIN {printf "%.1f", n / s}')/s"
            fi
            if [[ $request == create+delete && $tallies =~ creates=([0-9]+) ]]; then
                local deletes=0
                [[ $tallies =~ deletes=([0-9]+) ]] && deletes=${BASH_REMATCH[1]}
                [[ $tallies =~ creates=([0-9]+) ]]
                errors="${errors/#-/none}; ${BASH_REMATCH[1]} created, $deletes deleted"
            fi
            local of=$backend
            [[ $backend == nginx ]] && of=${request##* }
            echo "| $backend | $request | $conns | $rps | $p50 | $p99 | $max | $(ratio "$rps" "${CEILING[$of:$conns]:-0}") | $errors |"
        done <"$ROWS"
        echo
        echo "## Login storm: GET list at rest and while $LOGIN_USERS clients log in without pause"
        echo
        echo "| back end | conns | at rest req/s | p99 ms | storm req/s | p99 ms | storm / rest | ratio to nginx | storm errors | logins/s | logins refused |"
        echo "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|---|"
        for backend in $BACKENDS; do
            [[ -f $WORK/storm-$backend ]] || continue
            local seconds figures lstatuses ok refused pair
            seconds=$(sed -n 's/^seconds\t//p' "$WORK/storm-$backend")
            figures=$(sed -n 's/^figures\t//p' "$WORK/storm-$backend")
            lstatuses=$(sed -n 's/^statuses\t//p' "$WORK/storm-$backend")
            ok=0 refused=()
            for pair in $lstatuses; do
                if [[ ${pair%%=*} == 200 ]]; then ok=${pair#*=}; else refused+=("${pair%%=*}×${pair#*=}"); fi
            done
            local lsock
            lsock=$(cut -f7 <<<"$figures")
            [[ $lsock != - ]] && refused+=("socket: $lsock")
            for conns in 4 32; do
                local rest storm
                rest=$(awk -F'\t' -v b="$backend" -v c="$conns" '$1 == b && $2 == "GET list, at rest" && $3 == c' "$ROWS")
                storm=$(awk -F'\t' -v b="$backend" -v c="$conns" '$1 == b && $2 == "GET list, login storm" && $3 == c' "$ROWS")
                local r_rps r_p99 s_rps s_p99 s_err
                r_rps=$(cut -f4 <<<"$rest") r_p99=$(cut -f6 <<<"$rest")
                s_rps=$(cut -f4 <<<"$storm") s_p99=$(cut -f6 <<<"$storm")
                s_err=$(errors_of "$(cut -f9 <<<"$storm")" "$(cut -f10 <<<"$storm")" "$(cut -f11 <<<"$storm")")
                echo "| $backend | $conns | $r_rps | $r_p99 | $s_rps | $s_p99 | $(ratio "$s_rps" "$r_rps") | $(ratio "$s_rps" "${CEILING[$backend:$conns]:-0}") | $s_err | $(awk -v n="$ok" -v s="$seconds" 'BEGIN {printf "%.2f", n / s}') | $( ((${#refused[@]})) && echo "${refused[*]}" || echo none) |"
            done
        done
        echo
        echo "Logins/s: the storm's successful logins (200) over its whole $((STORM_WARMUP + 2 * SECS + 4)) s; refused: every other answer by status (503: the password pool full; 429: the throttle) and wrk's socket errors."
        for backend in $BACKENDS; do
            [[ -f $WORK/storm-$backend ]] || continue
            figures=$(sed -n 's/^figures\t//p' "$WORK/storm-$backend")
            echo "The storm's logins on $backend: $(cut -f5 <<<"$figures") answered, p50 $(cut -f2 <<<"$figures") ms, p99 $(cut -f3 <<<"$figures") ms, max $(cut -f4 <<<"$figures") ms."
        done
    fi
    if [[ -f $WORK/memory ]]; then
        local start first_n first_rss last_n last_rss
        start=$(sed -n 's/^start\t//p' "$WORK/memory")
        read -r first_n first_rss < <(sed -n 's/^first\t//p' "$WORK/memory" | tr '\t' ' ')
        read -r last_n last_rss < <(sed -n 's/^last\t//p' "$WORK/memory" | tr '\t' ' ')
        echo
        echo "## Memory (SQLite): the server's VmRSS under a steady mix"
        echo
        echo "The mix: GET list and get-private-key in turn, wrk -t2 -c32 in runs of 1–10 s until the count is reached (the counts are what wrk saw answered), on a new server process."
        echo
        echo "| after requests | VmRSS kB |"
        echo "|--:|--:|"
        echo "| 0 (started) | $start |"
        echo "| $first_n | $first_rss |"
        echo "| $last_n | $last_rss |"
        echo
        echo "Ratio: $(ratio "$last_rss" "$first_rss") (growth $(awk -v a="$last_rss" -v b="$first_rss" 'BEGIN {if (b > 0) printf "%+.1f %%", (a - b) * 100 / b; else printf "-"}'); the aim: within 10 %). Non-2xx answers: $(sed -n 's/^non2xx\t//p' "$WORK/memory"); socket errors: $(sed -n 's/^errors\t//p' "$WORK/memory")."
    fi
    if [[ $MEMORY != only ]]; then
        cat <<EOF

## What each row measures
- nginx: GET of the static file, 2 workers, access log off — the ceiling of small HTTP/1.1 answers here.
- GET list: GET /payments/credentials/ with a Bearer token (token check, session check, one query).
- get-private-key: GET …/{id}/get-private-key/ (decrypts the key, writes a private_key_revealed audit event).
- verify: POST …/{id}/verify/ with the right key (a keyed digest compared, a credential_verified event).
- create+delete: each wrk connection, as its own user, POSTs a credential (201) and then DELETEs the id that answer gave (200), in turn; req/s counts both, so creates/s is about half of it (the counts are in the row). wrk runs one thread per connection here: a wrk script is not told on which connection a response came, so only with one connection per thread does it know the id it read is its own. A create still under way when a run ends is deleted before the next run.
- login: POST /users/login/ with the right password, $LOGIN_USERS users in turn, at the real iteration count; after each login row the next row waits until the server is idle again (the logins it is still hashing).
- GET list during the storm: the storm's $LOGIN_USERS clients start ${STORM_WARMUP} s before the first GET run and end after the second. wrk counts only what was answered: a request still waiting when a run ends is in neither its req/s nor its latencies, so under a stall the p99 understates the wait.
- Errors: every answer that was not 2xx, by status where a wrk script counted them (verify, create+delete, login) or as wrk's non-2xx total (GET rows, which run without a script so as not to slow the client), and wrk's socket errors (timeout: no answer within $WRK_TIMEOUT). req/s counts every answer, a refused one too (a fast 503 is an answer): a row with refusals says how many were served (2xx) and at what rate.
EOF
    fi
}

mkdir -p "$(dirname "$RESULTS")"
write_results >"$WORK/results.txt"
cp "$WORK/results.txt" "$RESULTS"
cat "$RESULTS"
log "written to $RESULTS"
