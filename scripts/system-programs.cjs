// Finding and installing the system programs the project's scripts need (Chromium for the canvas
// tests, Redis and PostgreSQL for the queue-mode suite). apt-get runs quiet and non-interactive, never
// waiting on a prompt; a failure names apt's error.
const { spawnSync } = require('node:child_process');
const { accessSync, constants } = require('node:fs');
const { delimiter, join } = require('node:path');

function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The first executable `name` on PATH, or undefined. */
function onPath(name, env = process.env) {
	for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
		if (executable(join(dir, name))) return join(dir, name);
	return undefined;
}

function apt(args) {
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

module.exports = { apt, executable, onPath };
