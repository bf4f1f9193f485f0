# Sourced by the bench scripts: paycred-server in the background on a loopback port.
# Needs SERVER (its path), WORK (a scratch folder) and ENV_ARGS (env's arguments: what to unset
# and set); start_server sets PID and BASE (http://127.0.0.1:PORT), stop_server ends it.
PID=
BASE=

start_server() { # $1: QT_LOGGING_RULES, then the server's own arguments
    local rules=$1
    shift
    # A simple command in the background: $! is the server itself (env execs it).
    env "${ENV_ARGS[@]}" QT_LOGGING_RULES="$rules" "$SERVER" "$@" --listen 127.0.0.1:0 \
        >"$WORK/out" 2>>"$WORK/server.log" &
    PID=$!
    for _ in $(seq 300); do
        if grep -q '^Listening on ' "$WORK/out"; then
            BASE=$(sed -n 's/^Listening on //p' "$WORK/out")
            return
        fi
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "paycred-server did not start; its log:" >&2
    cat "$WORK/server.log" >&2
    exit 1
}

stop_server() {
    if [[ -n $PID ]]; then
        kill -TERM "$PID" 2>/dev/null || true
        # Bounded: a server still running 30 s after TERM is killed (an exited one is a zombie
        # until waited for, hence the state, not kill -0).
        for _ in $(seq 300); do
            [[ $(awk '{print $3}' "/proc/$PID/stat" 2>/dev/null) =~ ^[^ZX]$ ]] || break
            sleep 0.1
        done
        kill -KILL "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
        PID=
    fi
}
