#!/usr/bin/env bash
# How long `paycred-server rotate-keys` takes for 10 000 credentials (issue 10's closing note):
# a SQLite server database of 5 000 users and 10 000 credentials made by bench_admin_dataset
# (through the project's own storage and sealer, under a generated key), then a new primary key
# put in front of the old one and rotate-keys run with its default batch of 100 rows, then with
# larger and smaller batches; each on a fresh copy of the data set. `check` before and after
# says how many rows were under the retired key. The figures go to bench/results/rotate_keys.txt.
#
# Usage: bench/rotate_keys.sh [BUILD_DIR]     (default build/bench: a Release tree)
#   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPAYCRED_BUILD_TESTS=OFF
#   cmake --build build/bench --target paycred-server bench_admin_dataset
# Environment: CREDENTIALS (10000), BATCHES ("100 1000 10"), RUNS (3: the median is kept).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-build/bench}
SERVER=$BUILD/app/server/paycred-server
DATASET=$BUILD/bench/bench_admin_dataset
for binary in "$SERVER" "$DATASET"; do
    [[ -x $binary ]] || { echo "$binary not found: build it (see the usage at the top of $0)." >&2; exit 1; }
done
CREDENTIALS=${CREDENTIALS:-10000}
BATCHES=${BATCHES:-100 1000 10}
RUNS=${RUNS:-3}
RESULTS=bench/results/rotate_keys.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# No PAYCRED_* of the caller's leaks in: the keys come from the data set's INI file.
for name in $(env | sed -n 's/^\(PAYCRED_[A-Z_]*\)=.*/\1/p'); do unset "$name"; done
export BENCH_ADMIN_PASSWORD='rotate-keys bench password'

# One audit event: the data set maker wants at least one.
"$DATASET" "$WORK/base" $((CREDENTIALS / 2)) "$CREDENTIALS" 1 >/dev/null
OLD_KEY=$(sed -n 's/^encryption_key = //p' "$WORK/base/server.ini")
NEW_KEY=$("$SERVER" genkey)

# A fresh copy of the data set with NEW_KEY as the primary and the old key retired.
fresh_copy() {
    rm -rf "$WORK/run" && cp -a "$WORK/base" "$WORK/run"
    sed -i "s|^encryption_key = .*|encryption_key = $NEW_KEY,$OLD_KEY|;s|^database = .*|database = $WORK/run/paycred.sqlite3|" \
        "$WORK/run/server.ini"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

{
    echo "# paycred-server rotate-keys ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "# machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); build $BUILD"
    echo "# $CREDENTIALS credentials on SQLite (WAL), all under the retired key at the start; median of $RUNS runs"
    fresh_copy
    echo "# check before: $("$SERVER" check --config "$WORK/run/server.ini" 2>/dev/null | grep '^credentials')"
    for batch in $BATCHES; do
        times=()
        for _ in $(seq "$RUNS"); do
            fresh_copy
            start=$(date +%s.%N)
            "$SERVER" rotate-keys --config "$WORK/run/server.ini" --batch-size "$batch" \
                >"$WORK/out" 2>"$WORK/err"
            end=$(date +%s.%N)
            grep -q "No row needs a retired key" "$WORK/out" || { cat "$WORK/err" >&2; exit 1; }
            times+=("$(echo "$end - $start" | bc)")
        done
        seconds=$(printf '%s\n' "${times[@]}" | median)
        rate=$(echo "$CREDENTIALS / $seconds" | bc)
        printf 'batch %5d rows: %6.2f s for %d credentials (%d rows/s; runs: %s)\n' \
            "$batch" "$seconds" "$CREDENTIALS" "$rate" "${times[*]}"
    done
    echo "# check after: $("$SERVER" check --config "$WORK/run/server.ini" 2>/dev/null | grep '^credentials')"
} | tee "$RESULTS"
