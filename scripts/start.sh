#!/usr/bin/env bash
# `npm start`: builds and packages the extension, installs the .vsix into a real VS Code on this
# machine (code-server, set up once by scripts/vscode-env.sh), and opens the samples/ workspace in
# it. Prints the URL to open in a browser; stops with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/vscode-env.sh --env)"
export PATH="$(dirname "$NODE24"):$PATH"

npm run --silent package
vsix="readout-$(node -p "require('./package.json').version").vsix"

state="${READOUT_VSCODE_CACHE:-$HOME/.cache/readout-vscode}/start"
mkdir -p "$state"
# code-server keeps its configuration and state here, not in ~/.config and ~/.local/share.
export XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data"
"$CODE_SERVER" --extensions-dir "$state/extensions" --install-extension "$PWD/$vsix" --force

port="${PORT:-8080}"
echo
echo "Readout Tools in VS Code: http://127.0.0.1:$port/?folder=$PWD/samples"
echo
exec "$CODE_SERVER" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" \
  --bind-addr "127.0.0.1:$port" --reconnection-grace-time 5 "$PWD/samples"
