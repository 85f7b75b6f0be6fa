#!/usr/bin/env node
// The headless browser for the canvas tests, found or installed before they run (`npm test` calls
// this first): the tests never download a browser of their own, and a missing one fails here in one
// line instead of thirteen failed tests and a server left open.
//
// Order: $CHROMIUM_PATH (only that, when set), `chromium` / `chromium-browser` on PATH, Debian's
// /usr/bin/chromium; else, as root, Debian's `chromium` package via apt-get. Used as a module by
// editor-extension/test/browser/browser.ts (findChromium), so both agree on the same binary.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const { accessSync, constants } = require('node:fs');
const { delimiter, join } = require('node:path');

const HOW =
	'install Debian\'s chromium ("apt-get install -y chromium" as root) or set CHROMIUM_PATH to a Chromium binary';

function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The Chromium binary to use, or undefined. Never installs anything. */
function findChromium(env = process.env) {
	if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
	const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
	for (const name of ['chromium', 'chromium-browser']) {
		for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
	}
	return executable('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Why there is no browser, as one line that says what to do. */
function missingMessage(env = process.env) {
	return env.CHROMIUM_PATH
		? `Chromium not found: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file; point it at a Chromium binary or unset it.`
		: `Chromium not found for the canvas browser tests: ${HOW}.`;
}

function apt(args) {
	// Quiet, non-interactive, and never waiting on a prompt: a failure ends with apt's exit code.
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeout: 15 * 60 * 1000,
	});
	if (result.status !== 0) {
		const why = (result.stderr?.toString() ?? '').trim().split('\n').pop() || String(result.error);
		throw new Error(`apt-get ${args.join(' ')} failed (${why})`);
	}
}

function installWithApt() {
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', 'chromium']);
	// A package that is installed but whose binary was removed is not reinstalled by "install".
	if (!findChromium()) apt(['install', '-y', '-qq', '--reinstall', 'chromium']);
}

function ensureChromium() {
	let found = findChromium();
	if (found) return found;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!process.env.CHROMIUM_PATH && root && process.platform === 'linux') {
		try {
			execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
		} catch {
			throw new Error(`Chromium not found and apt-get is not available: ${HOW}.`);
		}
		try {
			installWithApt();
		} catch (error) {
			throw new Error(`Chromium not found and could not be installed: ${error.message}; ${HOW}.`);
		}
		found = findChromium();
		if (found) return found;
	}
	throw new Error(missingMessage());
}

module.exports = { findChromium, ensureChromium, missingMessage };

if (require.main === module) {
	try {
		const path = ensureChromium();
		if (process.argv.includes('--print')) console.log(path);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
