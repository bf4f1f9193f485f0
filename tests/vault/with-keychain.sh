#!/bin/bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a Secret
# Service), in a throw-away HOME, so keychain tests never touch the user's own keychain
# (TOOLCHAIN.md, "QtKeychain without a desktop"). Exits with the command's status; removes the
# throw-away HOME afterwards.
set -u

home=$(mktemp -d "${TMPDIR:-/tmp}/paycred-keychain.XXXXXX") || exit 1
trap 'rm -rf "$home"' EXIT

# Everything the keyring daemon and QtKeychain read from the environment points into $home:
# XDG_RUNTIME_DIR must exist before the daemon starts (without it QtKeychain hangs ~25 s).
export HOME="$home"
export XDG_RUNTIME_DIR="$home/run"
export XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
mkdir -m700 "$XDG_RUNTIME_DIR" || exit 1
# No desktop hints: QtKeychain must pick libsecret, the keyring of this session.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK XDG_CURRENT_DESKTOP \
    DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION KDE_SESSION_VERSION
# Tells the test it runs here (it checks that this is its HOME).
export PAYCRED_KEYCHAIN_SESSION="$home"

dbus-run-session -- bash -c \
    'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
    -- "$@"
