// Throwaway Redis and PostgreSQL for the queue-mode suite: Debian's binaries (found or installed by
// scripts/queue-services.cjs), each started on a free loopback port in its own temp folder, tied to
// this test process like n8n is (scripts/e2e-run-n8n.sh ends them if the test process disappears),
// and stopped and removed by `stop()`. PostgreSQL refuses to run as root: as root it runs as the
// `postgres` user (Debian's package creates it) through setpriv.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	mkdtempSync,
	openSync,
	closeSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { freePort, repoRoot } from '../../../real-n8n/runtime';

const { ensureServices } = require('../../../scripts/queue-services.cjs') as {
	ensureServices(): { redisServer: string; postgresBin: string };
};

export interface QueueServices {
	redis: { host: string; port: number };
	postgres: { host: string; port: number; database: string; user: string };
	/** Stops both servers (waiting for them to exit) and removes their folder. */
	stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Tied {
	child: ChildProcess;
	logPath: string;
	stop(): Promise<void>;
}

/** Runs `command` in its own process group under scripts/e2e-run-n8n.sh, output to `logPath`. */
function spawnTied(command: string[], logPath: string, cwd: string): Tied {
	const log = openSync(logPath, 'a');
	const child = spawn(
		'bash',
		[join(repoRoot, 'scripts/e2e-run-n8n.sh'), String(process.pid), ...command],
		{ cwd, detached: true, stdio: ['ignore', log, log] },
	);
	closeSync(log);
	let exited = false;
	child.once('exit', () => (exited = true));
	return {
		child,
		logPath,
		async stop() {
			if (exited) return;
			const gone = new Promise<void>((done) => child.once('exit', () => done()));
			child.kill('SIGTERM'); // forwarded to the server, then the rest of the group is killed
			const timer = setTimeout(() => {
				try {
					process.kill(-(child.pid as number), 'SIGKILL');
				} catch {
					// already gone
				}
			}, 20000);
			await gone;
			clearTimeout(timer);
		},
	};
}

function tail(path: string): string {
	try {
		return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n');
	} catch {
		return '';
	}
}

const runSync = (command: string[], cwd: string) =>
	spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8' });

/** Answers once Redis replies +PONG on the port. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = connect({ host: '127.0.0.1', port });
		const finish = (ok: boolean) => {
			socket.destroy();
			done(ok);
		};
		socket.setTimeout(2000, () => finish(false));
		socket.on('error', () => finish(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
	});
}

export async function startQueueServices(): Promise<QueueServices> {
	const { redisServer, postgresBin } = ensureServices();
	const folder = mkdtempSync(join(tmpdir(), 'fin-actions-queue-services-'));
	const asRoot = process.getuid?.() === 0;
	// PostgreSQL's own user, when this runs as root (it owns the folder, data and socket).
	const owner = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;
	if (asRoot && owner?.status !== 0) {
		rmSync(folder, { recursive: true, force: true });
		throw new Error(
			'PostgreSQL refuses to run as root and there is no "postgres" user: install Debian\'s postgresql package (it creates one).',
		);
	}
	const asPostgres = (command: string[]) =>
		asRoot
			? ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', ...command]
			: command;
	if (asRoot) {
		// The test run's temp root is private (0700, test/global-setup.ts): PostgreSQL's user may pass
		// through it to its own folder (execute only: it cannot list what else is there).
		const parent = dirname(folder);
		chmodSync(parent, (statSync(parent).mode & 0o777) | 0o011);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		chownSync(folder, Number(owner?.stdout), gid);
	}
	const started: Tied[] = [];
	const stop = async () => {
		await Promise.all(started.map((server) => server.stop()));
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		const redisPort = await freePort();
		const redis = spawnTied(
			[
				redisServer,
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--dir',
				folder,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
			],
			join(folder, 'redis.log'),
			folder,
		);
		started.push(redis);

		const pgPort = await freePort();
		const data = join(folder, 'pgdata');
		const init = runSync(
			asPostgres([
				join(postgresBin, 'initdb'),
				'-D',
				data,
				'-U',
				'n8n',
				'-A',
				'trust',
				'-E',
				'UTF8',
				'--no-sync',
			]),
			folder,
		);
		if (init.status !== 0)
			throw new Error(`initdb failed: ${(init.stderr || init.stdout).trim().split('\n').pop()}`);
		// A test database: durability off, enough connections for three n8n processes' pools.
		const postgres = spawnTied(
			asPostgres([
				join(postgresBin, 'postgres'),
				'-D',
				data,
				'-p',
				String(pgPort),
				'-k',
				folder,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=200',
			]),
			join(folder, 'postgres.log'),
			folder,
		);
		started.push(postgres);

		const deadline = Date.now() + 60000;
		while (!(await redisPing(redisPort))) {
			if (Date.now() > deadline) throw new Error(`Redis did not start:\n${tail(redis.logPath)}`);
			await sleep(200);
		}
		for (;;) {
			const created = runSync(
				asPostgres([
					join(postgresBin, 'createdb'),
					'-h',
					'127.0.0.1',
					'-p',
					String(pgPort),
					'-U',
					'n8n',
					'n8n',
				]),
				folder,
			);
			if (created.status === 0) break;
			if (Date.now() > deadline)
				throw new Error(
					`PostgreSQL did not start: ${created.stderr.trim()}\n${tail(postgres.logPath)}`,
				);
			await sleep(300);
		}
		return {
			redis: { host: '127.0.0.1', port: redisPort },
			postgres: { host: '127.0.0.1', port: pgPort, database: 'n8n', user: 'n8n' },
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
