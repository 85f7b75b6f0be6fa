// apt-get as the project's scripts run it (Chromium for the canvas tests, Redis and PostgreSQL for
// the queue-mode suite): quiet, non-interactive, never waiting on a prompt; a failure names apt's error.
const { spawnSync } = require('node:child_process');

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

module.exports = { apt };
