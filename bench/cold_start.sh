#!/usr/bin/env bash
# Cold start of the desktop app: from exec to its sign-in window on screen (its first Expose on a
# real X server, Xvfb), beside a bare Qt Widgets window (bench_qt_floor, the floor) in the same
# run, each run a new process. Writes bench/results/cold_start.txt.
#   bench/cold_start.sh [BUILD_DIR]     (default build/release; build/ci works too)
#   RUNS=20 bench/cold_start.sh
# The app's settings and vault live in a throw-away HOME (the first-run page of the sign-in
# window); one D-Bus session bus for the whole run, as on a desktop. Two kinds of start, each
# program in turn: "first start" with the page cache dropped before each run (nothing of Qt or the
# app in memory, as after a reboot: needs root, else skipped and said), and "again" with the files
# cached (the start of an app opened before today); the first "again" run of each is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build/release}
runs=${RUNS:-20}
app=$build/app/gui/paycred
floor=$build/bench/bench_qt_floor
for program in "$app" "$floor"; do
  [ -x "$program" ] || { echo "cold_start: $program is not built (cmake --build $build)" >&2; exit 2; }
done
for tool in Xvfb dbus-run-session python3; do
  command -v "$tool" >/dev/null || { echo "cold_start: needs $tool (scripts/install-deps)" >&2; exit 2; }
done

scratch=$(mktemp -d)
xvfb=""
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$scratch"' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
xvfb=$!
sleep 1

export DISPLAY=$display QT_QPA_PLATFORM=xcb HOME=$scratch/home XDG_RUNTIME_DIR=$scratch
mkdir -p "$HOME"
dbus-run-session -- python3 - "$app" "$floor" "$runs" >"$scratch/figures" <<'PY'
import os, statistics, subprocess, sys, time

app, floor, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ, PAYCRED_REPORT_FIRST_EXPOSE="1")

def drop_caches():
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as knob:
            knob.write("3\n")
        return True
    except OSError:
        return False

def once(program):
    started = time.time() * 1000.0
    proc = subprocess.Popen([program], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True)
    try:
        for line in proc.stderr:
            if line.startswith("first window exposed at "):
                return float(line.split()[4]) - started
        raise SystemExit(f"{program} exited without a window (code {proc.wait()})")
    finally:
        proc.kill()
        proc.wait()

def report(label, t):
    t = sorted(t)
    print(f"{label} {statistics.median(t):.0f} {t[0]:.0f} {t[max(0, int(len(t) * 0.9) - 1)]:.0f}")

cold = {app: [], floor: []}
cold_runs = max(3, runs // 4)  # each drops every cached file of the machine: a few suffice
if drop_caches():
    for _ in range(cold_runs):
        for program in (app, floor):
            drop_caches()
            cold[program].append(once(program))
    report("cold-paycred", cold[app])
    report("cold-floor", cold[floor])
else:
    print("cold-skipped")

warm = {app: [], floor: []}
for program in (app, floor):
    once(program)  # not counted
for _ in range(runs):  # side by side: the machine's noise falls on both alike
    for program in (app, floor):
        warm[program].append(once(program))
report("paycred", warm[app])
report("floor", warm[floor])
PY

figure() { grep "^$1 " "$scratch/figures" || echo "$1 - - -"; }
read -r _ app_median app_min app_p90 < <(figure paycred)
read -r _ floor_median floor_min floor_p90 < <(figure floor)
read -r _ cold_median cold_min cold_p90 < <(figure cold-paycred)
read -r _ cold_floor_median cold_floor_min cold_floor_p90 < <(figure cold-floor)
ratio() { python3 -c "print(f'{$1 / $2:.2f}')" 2>/dev/null || echo -; }
out=bench/results/cold_start.txt
{
  echo "# Cold start of paycred to its sign-in window on screen ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "machine: $(nproc) cores, $(uname -m); Xvfb, one D-Bus session; $runs runs each, side by side"
  echo "build: $build ($(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt" | cut -d= -f2))"
  echo
  echo "ms from exec to the window painted on screen   median    min    p90"
  if grep -q '^cold-skipped' "$scratch/figures"; then
    echo "first start (page cache dropped): skipped, needs root"
  else
    printf 'first start, paycred (sign-in window)          %6s %6s %6s\n' "$cold_median" "$cold_min" "$cold_p90"
    printf 'first start, floor (a bare QLabel)             %6s %6s %6s\n' "$cold_floor_median" "$cold_floor_min" "$cold_floor_p90"
  fi
  printf 'again, paycred (sign-in window)                %6s %6s %6s\n' "$app_median" "$app_min" "$app_p90"
  printf 'again, floor (a bare QLabel)                   %6s %6s %6s\n' "$floor_median" "$floor_min" "$floor_p90"
  echo
  echo "paycred / floor (median): first start $(ratio "$cold_median" "$cold_floor_median"), again $(ratio "$app_median" "$floor_median")"
  echo "aim (issue 13): paycred's median under 500 ms"
} | tee "$out"
