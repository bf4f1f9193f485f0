#!/usr/bin/env bash
# `paycred-server import-django` on 10 000 credentials (issue 10's closing note): a deployment of
# the seed's Django server made with Debian's python3-django by tests/server/djangoseed
# (USERS users sharing one password encoding, CREDENTIALS_PER_USER credentials each, encrypted the
# seed's way), then timed: a dry run, the import into an empty PayCred database, and a second run
# (everything already there). The figures go to bench/results/import_django.txt.
#
# Usage: bench/import_django.sh [BUILD_DIR]      (default build/ci: RelWithDebInfo)
# Environment: USERS (5000), CREDENTIALS_PER_USER (2: kopokopo and instasend).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-build/ci}
SERVER=$BUILD/app/server/paycred-server
[[ -x $SERVER ]] || { echo "$SERVER not found: cmake --build --preset ci" >&2; exit 1; }
PYTHON=/usr/bin/python3
"$PYTHON" -c 'import django, cryptography' 2>/dev/null ||
    { echo "Debian's python3-django and python3-cryptography are needed." >&2; exit 1; }

USERS=${USERS:-5000}
PER_USER=${CREDENTIALS_PER_USER:-2}
RESULTS=bench/results/import_django.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- the Django deployment ------------------------------------------------------------------
cp -r tests/server/djangoseed "$WORK/django"
KEY_FILE=$WORK/django.key
"$PYTHON" -I -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' \
    >"$KEY_FILE"
started=$(now)
"$PYTHON" -I - "$WORK" "$KEY_FILE" "$USERS" "$PER_USER" >"$WORK/spec.json" <<'EOF'
import json, sys
work, key_file, users, per_user = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
json.dump({
    "project": work + "/django",
    "database": {"ENGINE": "django.db.backends.sqlite3", "NAME": work + "/django/db.sqlite3"},
    "encryption_key": open(key_file).read().strip(),
    "users": [], "credentials": [],
    "bulk": {"users": users, "credentials_per_user": per_user, "password": "bench-password-1"},
}, sys.stdout)
EOF
"$PYTHON" -I "$WORK/django/deployment.py" <"$WORK/spec.json" >"$WORK/made.json"
made=$(seconds "$started" "$(now)")
CREDENTIALS=$((USERS * PER_USER))

# --- the runs ---------------------------------------------------------------------------------
ENV_ARGS=($(env | sed -n 's/^\(PAYCRED_[A-Z_]*\)=.*/-u \1/p') -u DJANGO_ENCRYPTION_KEY)
run_import() { # $1: label, then extra arguments; prints "WALL s (CPU: USER s user, SYS s system)"
    local label=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$WORK/$label.time" \
        env "${ENV_ARGS[@]}" "$SERVER" import-django --dev --data-dir "$WORK/data" \
        --from "$WORK/django/db.sqlite3" --django-key-file "$KEY_FILE" "$@" \
        >"$WORK/$label.out" 2>"$WORK/$label.err" || {
        echo "import-django ($label) failed:" >&2
        cat "$WORK/$label.out" "$WORK/$label.err" >&2
        exit 1
    }
    awk '{ printf "%.1f s (CPU: %.1f s user, %.1f s system)", $1, $2, $3 }' "$WORK/$label.time"
}
dry=$(run_import dry --dry-run)
first=$(run_import first)
second=$(run_import second)
grep -q "Credentials: $CREDENTIALS imported" "$WORK/first.out" ||
    { echo "the import did not bring every credential:" >&2; cat "$WORK/first.out" >&2; exit 1; }
grep -q "Credentials: 0 imported, $CREDENTIALS already there" "$WORK/second.out" ||
    { echo "the second run was not a no-op:" >&2; cat "$WORK/second.out" >&2; exit 1; }

rate() { awk -v n="$CREDENTIALS" '{ printf "%.0f", n / $1 }' "$WORK/$1.time"; }
{
    echo "# import-django on $CREDENTIALS credentials ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1);" \
        "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) — SHARED with other builds:" \
        "figures are upper bounds"
    echo "build: $BUILD ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")), $(git rev-parse --short HEAD)"
    echo "Django deployment: $USERS users, $CREDENTIALS credentials (SQLite, python3-django" \
        "$("$PYTHON" -c 'import django; print(django.get_version())')), made in $made s"
    echo
    echo "dry run (reads, decrypts and seals everything, rolls back): $dry"
    echo "import into an empty PayCred database (SQLite): $first, $(rate first) credentials a second"
    echo "second run (all already there): $second"
    echo
    echo "## the import's report"
    sed 's/^/    /' "$WORK/first.out"
    echo "## the last of its progress lines (stderr, one a second)"
    grep '^import-django:' "$WORK/first.err" | tail -3 | sed 's/^/    /'
} | tee "$RESULTS"
