# shellcheck shell=bash
# Sourced by the load benchmarks (bench/server_load.sh, bench/compare_builds.sh): the tools they
# need, the nginx ceiling, wrk's figures read into numbers. Nothing here installs anything; every
# process it starts stays on 127.0.0.1 and is bounded by `timeout`.

# need_tools TOOL...: stops with what is missing and how to get it.
need_tools() {
    local missing=() tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || missing+=("$tool")
    done
    ((${#missing[@]} == 0)) && return
    local packages=() name
    for name in "${missing[@]}"; do
        case $name in
        nginx) packages+=(nginx-light) ;;
        psql) packages+=(postgresql-client) ;;
        *) packages+=("$name") ;;
        esac
    done
    echo "Missing: ${missing[*]}. Install them with scripts/install-deps (it names every bench" \
        "tool), or: apt-get install ${packages[*]}" >&2
    exit 1
}

# find_server [PATH]: prints the paycred-server to measure — PATH, or the first built one.
find_server() {
    local server=${1:-} dir
    if [[ -z $server ]]; then
        for dir in build/release build/server-release build/ci build/dev build/server; do
            if [[ -x $dir/app/server/paycred-server ]]; then
                server=$dir/app/server/paycred-server
                break
            fi
        done
    fi
    if [[ -z $server || ! -x $server ]]; then
        echo "paycred-server not found: build it (cmake --preset ci && cmake --build --preset ci" \
            "--target paycred-server) or give its path." >&2
        exit 1
    fi
    printf '%s\n' "$server"
}

# free_port: a loopback port nobody listens on now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# nginx_start FILE: nginx (2 workers, as many as the cores here) serving a copy of FILE, as the
# ceiling of small HTTP/1.1 answers on this machine; sets NGINX_URL (the file's address). Never
# the system service: its own configuration, pid and logs, in a folder of its own (NGINX_DIR)
# that nginx_stop removes. The folder is a new one under /tmp, not inside the caller's private
# scratch folder: nginx's workers may run as another user (nobody, when we are root), and they
# must reach the file — a fast 403 would make a false ceiling.
NGINX_DIR=
NGINX_URL=
nginx_start() {
    local file=$1 dir port nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    port=$(free_port)
    dir=$(mktemp -d -t paycred-nginx.XXXXXX)
    NGINX_DIR=$dir
    mkdir -p "$dir/www" "$dir/tmp"
    chmod 755 "$dir" "$dir/www"
    cp "$file" "$dir/www/list.json"
    chmod 644 "$dir/www/list.json"
    cat >"$dir/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
daemon on;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location / { default_type application/json; }
    }
}
CONF
    timeout 10 "$nginx" -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" || {
        echo "nginx did not start:" >&2
        cat "$dir/error.log" >&2
        exit 1
    }
    NGINX_URL=http://127.0.0.1:$port/list.json
    # The ceiling must be the file itself, not a fast 403 or 404.
    local got
    got=$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' "$NGINX_URL")
    if [[ $got != "200 $(stat -c %s "$file")" ]]; then
        echo "nginx does not serve the file (status and size: $got)" >&2
        exit 1
    fi
}

nginx_stop() {
    [[ -n $NGINX_DIR ]] || return 0
    local pid
    if pid=$(cat "$NGINX_DIR/nginx.pid" 2>/dev/null) && kill -QUIT "$pid" 2>/dev/null; then
        # QUIT lets the workers finish; bounded, then KILL.
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$NGINX_DIR"
    NGINX_DIR=
}

# wrk_figures FILE: wrk's output (run with --latency) as one line of numbers, tab-separated:
# req/s, p50, p99 and max latency in ms ("-" when nothing was answered), requests completed,
# non-2xx/3xx answers, socket errors (only those that happened, e.g. "timeout 3", or "-").
wrk_figures() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v + 0
        }
        /^ +Latency +[0-9]/ { max = ms($4) }
        /^ +50% / { p50 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        /requests in/ { requests = $1 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ {
            gsub(/,/, "")
            for (i = 3; i < NF; i += 2) if ($(i + 1) > 0) sock = sock (sock ? " " : "") $i " " $(i + 1)
        }
        /^Requests\/sec:/ { rps = $2 }
        END {
            # No answer at all: no latency to speak of (wrk would print zeros).
            if (requests == 0) printf "0\t-\t-\t-\t0\t%d\t%s\n", non2xx, (sock ? sock : "-")
            else printf "%.0f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\n", rps, p50, p99, max, requests,
                non2xx, (sock ? sock : "-")
        }' "$1"
}

# ratio A B: A / B with 3 decimals ("<0.001" for less, but not nothing; "-" without a B).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (b <= 0) printf "-"
        else if (a > 0 && a / b < 0.0005) printf "<0.001"
        else printf "%.3f", a / b
    }'
}
