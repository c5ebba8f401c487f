#!/usr/bin/env bash
# Installs what the real-VS-Code tests need: Debian packages (libkrb5-dev, ripgrep,
# chromium) and code-server 4.100.3 into <repo>/.code-server/ (git-ignored).
# Idempotent: does nothing when everything is already in place.
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CS_DIR="$REPO_ROOT/.code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

export DEBIAN_FRONTEND=noninteractive
export CI="${CI:-true}"

log() { printf '[vscode-setup] %s\n' "$*"; }

# Runs a command with its output in a log file; shows the log's tail when it fails.
LOG_FILE="$(mktemp -t vscode-setup.XXXXXX.log)"
trap 'rm -f "$LOG_FILE"' EXIT
run() {
  if ! "$@" </dev/null >>"$LOG_FILE" 2>&1; then
    log "FAILED: $*"
    tail -n 40 "$LOG_FILE" >&2
    exit 1
  fi
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
fi

# ---------------------------------------------------------------- Debian packages
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
installed libkrb5-dev || missing+=(libkrb5-dev)
{ installed ripgrep && command -v rg >/dev/null 2>&1; } || missing+=(ripgrep)
{ installed chromium && [ -x /usr/bin/chromium ]; } || missing+=(chromium)
# Reports are full of emoji (severity, section headings): without this font they show as boxes.
installed fonts-noto-color-emoji || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  run $SUDO apt-get update
  run $SUDO apt-get install -y libkrb5-dev ripgrep chromium fonts-noto-color-emoji
else
  log "Debian packages present (libkrb5-dev, ripgrep, chromium, fonts-noto-color-emoji)"
fi

# ---------------------------------------------------------------- code-server
# `code-server --version` writes a default config file first: keep it out of $HOME.
cs_version_line() {
  [ -x "$CS_BIN" ] || return 0
  local tmp; tmp="$(mktemp -d)"
  XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" "$CS_BIN" --version 2>/dev/null \
    | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n1 || true
  rm -rf "$tmp"
}
current="$(cs_version_line | awk '{print $1}')"
if [ "$current" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
  exit 0
fi

start=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about 45-70 s)"
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cd "$CS_DIR"
printf '{"private":true}\n' > package.json

export npm_config_yes=true              # fix 4: node-pty's `npx node-gyp` must not prompt
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel=error

# fix 1: code-server's own install script refuses root; skip scripts, run postinstall later
log "npm install --ignore-scripts code-server@$CODE_SERVER_VERSION"
run npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION"

# fix 5: argon2 stays unbuilt after --ignore-scripts
log "npm rebuild argon2"
run npm rebuild argon2

VS_DIR="$CS_DIR/node_modules/code-server/lib/vscode"
cd "$VS_DIR"
log "npm install --omit=dev --ignore-scripts (lib/vscode)"
run npm install --omit=dev --ignore-scripts

# fix 3: @vscode/ripgrep would download rg from GitHub; give it Debian's binary
RG_BIN_DIR="$VS_DIR/node_modules/@vscode/ripgrep/bin"
mkdir -p "$RG_BIN_DIR"
cp "$(command -v rg)" "$RG_BIN_DIR/rg"
chmod +x "$RG_BIN_DIR/rg"

# fix 2 (libkrb5-dev, above) lets kerberos build; fix 4 lets node-pty build
log "npm rebuild (lib/vscode native modules)"
run npm rebuild

# fix 1: run postinstall.sh ourselves with the flags npm 11 no longer passes
cd "$CS_DIR/node_modules/code-server"
log "postinstall.sh"
run env npm_config_unsafe_perm=true \
  npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" \
  bash ./postinstall.sh

version_line="$(cs_version_line)"
case "$version_line" in
  "$CODE_SERVER_VERSION"*) log "ok: $version_line ($(( $(date +%s) - start )) s)";;
  *) log "ERROR: code-server --version printed: '$version_line'"; exit 1;;
esac
