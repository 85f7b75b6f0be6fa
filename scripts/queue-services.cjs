#!/usr/bin/env node
// Redis and PostgreSQL for the queue-mode suite (test/hostile/queue-mode.hostile.ts), which starts
// its own throwaway servers from these binaries: found, or installed from Debian's packages
// (`redis-server`, `postgresql`) with apt-get when running as root, as scripts/chromium.cjs does
// for Chromium. Anything missing that cannot be installed stops the run in one line saying what to do.
'use strict';

const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const { apt, executable, onPath } = require('./system-programs.cjs');

const HOW =
	'install Debian\'s packages ("apt-get install -y redis-server postgresql" as root), or put redis-server and PostgreSQL\'s initdb/postgres on PATH';

/** Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<major>/bin (newest first). */
function postgresBinDir() {
	let majors = [];
	try {
		majors = readdirSync('/usr/lib/postgresql')
			.filter((name) => /^\d+$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
	} catch {
		// not installed from Debian
	}
	for (const major of majors) {
		const dir = join('/usr/lib/postgresql', major, 'bin');
		if (executable(join(dir, 'initdb')) && executable(join(dir, 'postgres'))) return dir;
	}
	const initdb = onPath('initdb');
	const postgres = onPath('postgres');
	return initdb && postgres ? join(postgres, '..') : undefined;
}

/** `{ redisServer, postgresBin }` when both are there, else what is missing. Never installs anything. */
function findServices() {
	return { redisServer: onPath('redis-server'), postgresBin: postgresBinDir() };
}

function missing(found) {
	const names = [];
	if (!found.redisServer) names.push('redis-server');
	if (!found.postgresBin) names.push('postgresql');
	return names;
}

function ensureServices() {
	let found = findServices();
	const packages = missing(found);
	if (packages.length === 0) return found;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!root || process.platform !== 'linux' || spawnSync('apt-get', ['--version']).status !== 0)
		throw new Error(`${packages.join(' and ')} not found for the queue-mode suite: ${HOW}.`);
	try {
		apt(['update', '-qq']);
		apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
	} catch (error) {
		throw new Error(`${packages.join(' and ')} could not be installed (${error.message}): ${HOW}.`);
	}
	found = findServices();
	if (missing(found).length > 0)
		throw new Error(`${missing(found).join(' and ')} still missing after apt-get: ${HOW}.`);
	return found;
}

module.exports = { findServices, ensureServices };

if (require.main === module) {
	try {
		const found = ensureServices();
		if (process.argv.includes('--print')) console.log(JSON.stringify(found));
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
