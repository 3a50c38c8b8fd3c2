#!/usr/bin/env bash
# `npm start`: sets up a real VS Code on this machine if needed (code-server, scripts/vscode-env.sh),
# builds and packages the extension, installs the .vsix into it, and opens a fresh copy of
# samples/ in a temporary folder (never the repository: code-server saves what is typed) with a
# readout open. Prints the URL to open in a browser; stops with Ctrl+C.
#   PORT=8080 (default) picks the port; READOUT_VSCODE_CACHE the set-up's cache.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=$(bash scripts/vscode-env.sh --env) || exit 1
eval "$tools"

run="$(mktemp -d "${TMPDIR:-/tmp}/readout-start-XXXXXX")"
workspace="$run/samples"
state="$run/state"
mkdir -p "$state/user-data/User" "$state/extensions"
# code-server keeps its configuration and state here, not in ~/.config and ~/.local/share.
export XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data"
export PATH="$(dirname "$NODE24"):$PATH"

log="$run/package.log"
echo "package: building and packaging the extension (log: $log) ..."
if ! npm run --silent package >"$log" 2>&1; then
  tail -n 12 "$log" | sed 's/^/  /' >&2
  echo "start: FAILED: npm run package; the whole log: $log" >&2
  exit 1
fi
vsix="$PWD/readout-$(node -p "require('./package.json').version").vsix"
if ! "$CODE_SERVER" --extensions-dir "$state/extensions" --install-extension "$vsix" --force >>"$log" 2>&1; then
  tail -n 12 "$log" | sed 's/^/  /' >&2
  echo "start: FAILED: installing $vsix into code-server; the whole log: $log" >&2
  exit 1
fi

cp -R samples "$workspace"
cp test/vscode/workbench-settings.json "$state/user-data/User/settings.json"

port="${PORT:-8080}"
readout="$workspace/2021/01/mistakes.md"
payload=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["openFile", process.argv[1]]])))' "vscode-remote://127.0.0.1:$port$readout")
url="http://127.0.0.1:$port/?folder=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$workspace")&payload=$payload"
# Only the state goes when code-server stops; the workspace copy stays for what was written in it.
server_log="$run/code-server.log"
"$CODE_SERVER" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" \
  --bind-addr "127.0.0.1:$port" --reconnection-grace-time 5 >"$server_log" 2>&1 &
server=$!
# On Ctrl+C npm also sends its own signals: the clean-up must not be cut short by them.
stop_server() {
  trap '' INT TERM
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$state"
}
trap stop_server EXIT
trap 'exit 130' INT TERM
# Ready when /healthz answers; a server that stops first (a port in use, say) is reported with its log.
if ! node -e '
  const [port, pid] = process.argv.slice(1);
  const deadline = Date.now() + 60_000;
  (async () => {
    for (;;) {
      try { process.kill(Number(pid), 0); } catch { process.exit(2); }
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) process.exit(0);
      if (Date.now() > deadline) process.exit(3);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();' "$port" "$server"; then
  tail -n 12 "$server_log" | sed 's/^/  /' >&2
  echo "start: FAILED: code-server did not answer on port $port (is the port free? PORT=... picks another); its log: $server_log" >&2
  exit 1
fi

echo
echo "Workspace, a fresh copy of samples/ (what you type is saved here): $workspace"
echo "Readout Tools in VS Code: $url"
echo "(Ctrl+C stops it; code-server's log: $server_log)"
wait "$server"
