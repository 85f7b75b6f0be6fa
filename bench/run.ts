// `npm run bench`: one run measures everything issue 16 asks for and writes
// bench/results/<time>.json (git-ignored) and bench/RESULTS.md (committed, linked from docs/speed.md).
// Every figure is a ratio against a baseline measured in the same run on the same machine; nothing
// here asserts wall-clock times. Temp folders, n8n and loopback servers are removed/stopped on exit.
// Knobs for short validation runs (defaults = the full run):
//   FIN_BENCH_SKIP_N8N=1          skips real n8n: (a), the patched-rule settings and (e) in real n8n
//   FIN_BENCH_SETTINGS=a,b        only these real-n8n settings (names as in bench/real-n8n.ts)
//   FIN_BENCH_ROUNDS, FIN_BENCH_ROUND_MS   interleaved rounds per concurrency (3) and their length (3000)
//   FIN_BENCH_WARMUP_MS           each side's warm-up in real n8n before any round (15000, concurrency 10)
//   FIN_BENCH_TOKEN_EXECUTIONS    executions per concurrency for (e) in real n8n (1000)
//   FIN_BENCH_SKIP_CANVAS=1       skips (f)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchApiAction, benchAudience, benchPicker, benchTokenCalls } from './in-process';
import { benchCanvas, type CanvasBench } from './canvas';
import { benchWebhookSteps } from './webhook-steps';
import { SECRETS_LIFETIME_SECONDS } from '../nodes/public';
import {
	benchRealN8n,
	cleanUpNow,
	CONCURRENCIES,
	ROUND_MS,
	WARMUP_MS,
	ROUNDS,
	SETTINGS,
	TOKEN_EXECUTIONS,
	type ConcurrencyResult,
	type RealN8nResults,
	type SideRound,
} from './real-n8n';

const log = (line: string) => process.stderr.write(`${line}\n`);
const fixed = (value: number, digits = 2) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const warmupText = (results: { warmupMs?: number }) =>
	results.warmupMs === undefined
		? 'a 3 s warm-up per side at concurrency 5'
		: `a ${results.warmupMs / 1000} s warm-up per side at concurrency 10`;

/** n8n-core's instance folder for the in-process runs, and cleanup on exit or interruption. */
function prepareProcess() {
	// n8n-core's instance folder for the in-process runs only, removed when the process exits.
	const folder = mkdtempSync(join(tmpdir(), 'fin-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	// Interrupted: remove what real n8n's part made (n8n itself stops when this process is gone).
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => {
			cleanUpNow();
			process.exit(130);
		});
}

async function main() {
	prepareProcess();

	const started = new Date();
	const loadAtStart = loadavg()[0];
	log('[b] API Action in the engine vs a bare HTTP call');
	const apiAction = await benchApiAction();
	log('[c] picker vs JSON.parse, 1 KB to 10 MB');
	const picker = await benchPicker();
	log('[d] Audience Filter, 10 rules and rollout');
	const audience = await benchAudience();
	log("[g] Fin Trigger's webhook phase, step by step");
	const webhookSteps = await benchWebhookSteps();
	log('[e] token-endpoint calls per 1,000 executions');
	const tokens = await benchTokenCalls();
	const canvas: CanvasBench =
		process.env.FIN_BENCH_SKIP_CANVAS === '1'
			? { skipped: true, note: 'Skipped in this run (FIN_BENCH_SKIP_CANVAS=1).' }
			: (log('[f] canvas, 200 nodes in headless Chromium'), await benchCanvas());
	const { realN8n, realN8nError } = await runRealN8n();

	const finished = new Date();
	const results = {
		started: started.toISOString(),
		seconds: Math.round((finished.getTime() - started.getTime()) / 1000),
		machine: {
			cpus: cpus().length,
			node: process.version,
			loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
		},
		rounds: ROUNDS,
		roundMs: ROUND_MS,
		warmupMs: WARMUP_MS,
		tokenExecutions: TOKEN_EXECUTIONS,
		realN8n,
		realN8nError,
		apiAction,
		picker,
		audience,
		webhookSteps,
		tokens,
		canvas,
	};
	const jsonPath = writeResultsJson(results, started);

	render(results);
	log(
		`wrote ${jsonPath}, bench/RESULTS.md and the summary in docs/speed.md (${results.seconds} s)`,
	);
	if (realN8nError || realN8n?.errors.length) process.exitCode = 1;
}

/** (a) in real n8n, unless skipped; a failure is returned as its message. */
async function runRealN8n() {
	let realN8n: RealN8nResults | undefined;
	let realN8nError: string | undefined;
	if (process.env.FIN_BENCH_SKIP_N8N !== '1') {
		log('[a] real n8n 2.40.7, template vs built-in nodes (then (e) in real n8n)');
		// A failure here is reported in the results, and the other figures are still written.
		realN8n = await benchRealN8n(log).catch((error: unknown) => {
			realN8nError = error instanceof Error ? error.message : String(error);
			log(`[a] failed: ${realN8nError}`);
			return undefined;
		});
	}
	return { realN8n, realN8nError };
}

/** bench/results/<time>.json, the raw numbers of this run; returns its path. */
function writeResultsJson(results: BenchResults, started: Date): string {
	const resultsDir = join(__dirname, 'results');
	mkdirSync(resultsDir, { recursive: true });
	const jsonPath = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(jsonPath, JSON.stringify(results, null, 2));
	return jsonPath;
}

type BenchResults = {
	started: string;
	seconds: number;
	machine: { cpus: number; node: string; loadAverage: { atStart: number; atEnd: number } };
	rounds: number;
	roundMs: number;
	/** Absent in results written before the warm-up was 15 s per side. */
	warmupMs?: number;
	tokenExecutions: number;
	realN8n?: RealN8nResults;
	realN8nError?: string;
	apiAction: Awaited<ReturnType<typeof benchApiAction>>;
	picker: Awaited<ReturnType<typeof benchPicker>>;
	audience: Awaited<ReturnType<typeof benchAudience>>;
	/** Absent in results written before issue 28. */
	webhookSteps?: Awaited<ReturnType<typeof benchWebhookSteps>>;
	tokens: Awaited<ReturnType<typeof benchTokenCalls>>;
	canvas: CanvasBench;
};

/** bench/RESULTS.md and the summary in docs/speed.md, from one run's results (also `--render <json>`). */
function render(results: BenchResults) {
	const md: string[] = [
		...renderHeader(results),
		...renderRealN8n(results),
		...renderInProcess(results),
		...renderWebhookSteps(results),
		...renderTokensAndCanvas(results),
	];
	writeFileSync(join(__dirname, 'RESULTS.md'), md.join('\n'));
	writeSpeedSummary(results);
}

/** The run's heading, machine and (a)'s method. */
function renderHeader(results: BenchResults): string[] {
	return [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` on ${results.started.slice(0, 16).replace('T', ' ')} UTC, ${results.machine.cpus} cores, ${results.machine.node} (n8n itself runs on Node 24), 1-minute load average ${fixed(results.machine.loadAverage.atStart, 1)} at the start and ${fixed(results.machine.loadAverage.atEnd, 1)} at the end (a load above the core count means other jobs shared the machine and the figures are indicative). Every figure is a ratio against a baseline measured in the same run, rounds interleaved. Raw numbers: \`bench/results/*.json\` (not committed).`,
		'',
		"## (a) Real n8n 2.40.7: Shopify order-status template vs the same job in n8n's own nodes",
		'',
		`Ours: Fin Trigger (v2, JWT verified) -> Audience Filter -> API Action -> Answer. Built-in: Webhook -> If -> HTTP Request -> Edit Fields (no identity check). Built-in with the identity check ("checked"): Webhook -> Crypto (HMAC-SHA256 of user_id, Crypto credential) -> If (equals the posted user_hash) -> HTTP Request (Header Auth credential) -> Edit Fields. Same loopback Shopify API; all three answered the same order fields before any timing, and a timed request counts only if its answer has that same content (anything else is listed as failed, with its cause). ${results.rounds} interleaved rounds of ${results.roundMs / 1000} s per side and concurrency after ${warmupText(results)}, closed loop, the side that goes first rotating; ratio = median over rounds of ours/other side. The two "patched" settings run a scratch copy of n8n 2.40.7 with n8n's own isolate rule(s) removed ([n8n-isolate-proposal.md](n8n-isolate-proposal.md)); the built-in job is the baseline in the same instance.`,
		'',
	];
}

/** Failed requests of some rounds: the total and each cause's count. */
function failedCell(rounds: SideRound[]): string {
	const total = rounds.reduce((s, x) => s + x.failed, 0);
	const causes: Record<string, number> = {};
	for (const round of rounds)
		for (const [cause, count] of Object.entries(round.failures))
			causes[cause] = (causes[cause] ?? 0) + count;
	const named = Object.entries(causes).map(([cause, count]) => `${count} ${cause}`);
	return total ? `${total} (${named.join(', ')})` : '0';
}

/** (a): the ratios table, why requests failed, and the settings measured. */
function renderRealN8n({ realN8n, realN8nError }: BenchResults): string[] {
	if (realN8nError) return [`Failed in this run: ${realN8nError.split('\n')[0]}`, ''];
	if (!realN8n) return ['Skipped in this run (FIN_BENCH_SKIP_N8N=1).', ''];
	const md: string[] = [
		'| n8n | concurrency | throughput ours/built-in | p50 ours/built-in | throughput ours/checked | p50 ours/checked | ours req/s (rounds) | built-in req/s (rounds) | checked req/s (rounds) | failed ours / built-in / checked |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	const rates = (rounds: SideRound[] = []) => rounds.map((x) => fixed(x.throughput, 1)).join(' / ');
	for (const setting of realN8n.settings)
		for (const r of setting.results)
			md.push(
				`| ${setting.setting} | ${r.concurrency} | **${fixed(r.throughputRatio)}** | ${fixed(r.p50Ratio)}x | **${fixed(r.checkedThroughputRatio ?? NaN)}** | ${fixed(r.checkedP50Ratio ?? NaN)}x | ${rates(r.ours)} | ${rates(r.builtin)} | ${rates(r.checked)} | ${failedCell(r.ours)} / ${failedCell(r.builtin)} / ${failedCell(r.checked ?? [])} |`,
			);
	for (const { setting, error } of realN8n.errors)
		md.push(
			`| ${setting} | | not measured: ${error.split('\n')[0].replace(/\|/g, '/')} | | | | | | | |`,
		);
	const why = failureCauses(realN8n);
	if (why.length)
		md.push(
			'',
			'Failed requests (every one is in `bench/results/*.json` with its time, status and answer):',
			'',
			...why,
		);
	md.push('', 'Settings:', '', ...settingsList(realN8n), '');
	return md;
}

/** Why requests failed: each cause once per setting and side, with what n8n answered. */
function failureCauses(realN8n: RealN8nResults): string[] {
	const why: string[] = [];
	for (const setting of realN8n.settings)
		for (const r of setting.results)
			for (const [side, rounds] of [
				['ours', r.ours],
				['built-in', r.builtin],
				['built-in with identity check', r.checked ?? []],
			] as const) {
				const seen = new Map<string, { count: number; detail: string; ms: number }>();
				for (const failure of rounds.flatMap((x) => x.failedRequests)) {
					const key =
						failure.status === undefined ? failure.detail.split(':')[0] : `HTTP ${failure.status}`;
					const entry = seen.get(key) ?? { count: 0, detail: failure.detail, ms: failure.ms };
					entry.count++;
					seen.set(key, entry);
				}
				for (const [key, { count, detail, ms }] of seen)
					why.push(
						`- ${setting.setting}, c=${r.concurrency}, ${side}: ${count} x ${key} (first after ${ms} ms): \`${detail.replace(/\s+/g, ' ').slice(0, 160)}\``,
					);
			}
	return why;
}

/** The settings measured (or attempted) in this run, with their environment and patches. */
function settingsList(realN8n: RealN8nResults): string[] {
	const measured = new Set([
		...realN8n.settings.map((r) => r.setting),
		...realN8n.errors.map((e) => e.setting),
	]);
	return SETTINGS.filter((x) => measured.has(x.name)).map(
		(setting) =>
			`- **${setting.name}**: ${
				[
					...Object.entries(setting.env).map(([k, v]) => `\`${k}=${v}\``),
					...(setting.patches ?? []).map((name) => `patch \`${name}\``),
				].join(', ') || 'none'
			}: ${setting.why}.`,
	);
}

/** (b), (c) and (d): the package's own costs measured in this process. */
function renderInProcess({ apiAction, picker, audience }: BenchResults): string[] {
	return [
		"## (b) API Action in n8n-core's engine vs a bare HTTP call",
		'',
		'| measured / baseline | baseline µs | measured µs | ratio |',
		'| --- | --- | --- | --- |',
		...apiAction.map(
			(r) =>
				`| ${r.name} | ${fixed(r.baseline.perRunUs, 1)} | ${fixed(r.measured.perRunUs, 1)} | ${fixed(r.ratio)}x |`,
		),
		'',
		'## (c) Response Field Picker vs JSON.parse',
		'',
		'| measured / baseline | JSON.parse µs | picker µs | ratio |',
		'| --- | --- | --- | --- |',
		...picker.map(
			(r) =>
				`| ${r.name} | ${fixed(r.baseline.perRunUs, 1)} | ${fixed(r.measured.perRunUs, 1)} | ${fixed(r.ratio)}x |`,
		),
		'',
		'## (d) Audience Filter',
		'',
		`10 rules: about ${Math.round(audience.rules10ItemsPerS).toLocaleString('en')} items/s; 10 rules + 50 % rollout: about ${Math.round(audience.rolloutItemsPerS).toLocaleString('en')} items/s.${
			Object.keys(audience.notMatched).length
				? ` Decisions that should have matched and did not: ${Object.entries(audience.notMatched)
						.map(([reason, count]) => `${count} (${reason})`)
						.join('; ')}.`
				: ''
		}`,
		'',
		'| measured / baseline | baseline µs | measured µs | ratio |',
		'| --- | --- | --- | --- |',
		...audience.ratios.map(
			(r) =>
				`| ${r.name} | ${fixed(r.baseline.perRunUs, 2)} | ${fixed(r.measured.perRunUs, 2)} | ${fixed(r.ratio)}x |`,
		),
		'',
	];
}

/** (g): each step of Fin Trigger's webhook phase against one JSON.parse of the body. */
function renderWebhookSteps({ webhookSteps }: BenchResults): string[] {
	if (!webhookSteps) return [];
	const total = webhookSteps.steps.reduce((sum, step) => sum + step.perRunUs, 0);
	return [
		"## (g) Fin Trigger's webhook phase, step by step",
		'',
		`Each step of the node's \`webhook()\` on the benchmark's chat message, in this process, against one \`JSON.parse\` of the same body (${fixed(webhookSteps.baseline.perRunUs, 2)} µs). All steps together: about ${fixed(total, 0)} µs per call, against the milliseconds an expression isolate costs in real n8n: the credential read's isolate is now paid once per ${SECRETS_LIFETIME_SECONDS} s (Fin Trigger keeps the secrets, \`nodes/FinTrigger/identity/secrets.ts\`); the webhook rule's isolate is n8n's.`,
		'',
		'| step | µs per call | ratio to JSON.parse |',
		'| --- | --- | --- |',
		...webhookSteps.steps.map(
			(step) => `| ${step.name} | ${fixed(step.perRunUs, 2)} | ${fixed(step.ratio)}x |`,
		),
		'',
	];
}

/** (e) in the engine and in real n8n, (f) the canvas, and the run's length. */
function renderTokensAndCanvas({
	realN8n,
	tokens,
	canvas,
	tokenExecutions,
	seconds,
}: BenchResults): string[] {
	return [
		'## (e) Fin Dynamic Token: token-endpoint calls per 1,000 executions within one token lifetime',
		'',
		`Target: exactly 1 at every concurrency. Real n8n: ${tokenExecutions.toLocaleString('en')} executions per concurrency. Each concurrency starts with a new credential (no stored token); the token endpoint takes 50 ms to answer, so executions that start together overlap with the first fetch.`,
		'',
		'| where | concurrency | executions | answered | token calls |',
		'| --- | --- | --- | --- | --- |',
		...tokens.map(
			(t) =>
				`| engine harness (n8n-core WorkflowExecute) | ${t.concurrency} | ${t.executions} | ${t.executions} | **${t.tokenCalls}** |`,
		),
		...(realN8n?.tokens ?? []).map(
			(t) =>
				`| real n8n 2.40.7 (${t.setting}), electricity-usage template | ${t.concurrency} | ${t.executions} | ${t.answered}${
					Object.keys(t.failures).length
						? ` (failed: ${Object.entries(t.failures)
								.map(([k, v]) => `${v} ${k}`)
								.join(', ')})`
						: ''
				} | **${t.tokenCalls}** |`,
		),
		...(realN8n && !realN8n.tokens.length ? ['| real n8n | | | | not measured in this run |'] : []),
		'',
		'## (f) Canvas: 200-node first render and drag (per move, in headless Chromium)',
		'',
		canvas.note,
		'',
		`The whole run took ${seconds} s.`,
		'',
	];
}

/** docs/speed.md shows this run's summary, between two markers. */
function writeSpeedSummary(results: BenchResults) {
	const { realN8n } = results;
	const readme = join(__dirname, '..', 'docs', 'speed.md');
	const text = readFileSync(readme, 'utf8');
	const [open, close] = ['<!-- bench:summary:start -->', '<!-- bench:summary:end -->'];
	const from = text.indexOf(open);
	const to = text.indexOf(close);
	if (from >= 0 && to > from && realN8n)
		writeFileSync(
			readme,
			`${text.slice(0, from + open.length)}\n${summary(results, realN8n).join('\n')}\n${text.slice(to)}`,
		);
}

const TARGETS: Record<string, { target: number; meaning: string }> = {
	default: { target: 0.9, meaning: "n8n's defaults" },
	tuned: { target: 1.0, meaning: 'the tuned settings below' },
	'rule-off-for-none': { target: 0.9, meaning: "n8n's skip off for every trigger" },
	'patched: webhook rule': { target: 0.9, meaning: "n8n's rule patched out (proposal A)" },
	'patched: webhook rule + credential isolate': {
		target: 0.9,
		meaning: "n8n's rule and credential isolate patched out (A + B)",
	},
};

/** Issue 28's targets against n8n's own nodes *with* the identity check (the patched copies run n8n's defaults). */
const CHECKED_TARGETS: Record<string, number> = {
	default: 0.75,
	tuned: 2.0,
	'patched: webhook rule': 0.75,
	'patched: webhook rule + credential isolate': 0.75,
};

/** The table in docs/speed.md: this run's ratios against the issue's targets, stated as reached or not. */
function summary(results: BenchResults, realN8n: RealN8nResults): string[] {
	const { started } = results;
	const load = results.machine.loadAverage.atStart;
	const lines = [
		`From \`npm run bench\` on ${started.slice(0, 16).replace('T', ' ')} UTC (1-minute load average ${fixed(load, 1)} on ${cpus().length} cores at the start; ${results.rounds} interleaved round(s) of ${results.roundMs / 1000} s per side and concurrency after ${warmupText(results)}; details and failed requests in [bench/RESULTS.md](../bench/RESULTS.md)):`,
		'',
		'| ours / other side, throughput (median of interleaved rounds; min-max) | c=1 | c=10 | c=50 | target | reached |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	for (const setting of realN8n.settings) {
		const { target, meaning } = TARGETS[setting.setting] ?? { target: 0.9, meaning: '' };
		const failed = setting.results.reduce(
			(total, r) =>
				total +
				[...r.ours, ...r.builtin, ...(r.checked ?? [])].reduce((sum, x) => sum + x.failed, 0),
			0,
		);
		const row = (label: string, other: 'builtin' | 'checked', goal: number | undefined) => {
			const cells = CONCURRENCIES.map((c) => setting.results.find((r) => r.concurrency === c));
			const ratioOf = (r?: ConcurrencyResult) =>
				(other === 'builtin' ? r?.throughputRatio : r?.checkedThroughputRatio) ?? NaN;
			const spread = (r?: ConcurrencyResult) => {
				const rounds = r?.[other] ?? [];
				const each = (r?.ours ?? []).map((x, i) => x.throughput / (rounds[i]?.throughput ?? NaN));
				return each.length > 1 ? ` (${fixed(Math.min(...each))}-${fixed(Math.max(...each))})` : '';
			};
			const reached = goal !== undefined && cells.every((r) => ratioOf(r) >= goal);
			lines.push(
				`| ${label} | ${cells.map((r) => `${fixed(ratioOf(r))}${spread(r)}`).join(' | ')} | ${goal === undefined ? '' : `>= ${fixed(goal, 2)}`} | ${goal === undefined ? '' : reached ? '**yes**' : 'no'}${failed && other === 'builtin' ? ` (${failed} failed requests)` : ''} |`,
			);
		};
		row(
			`${setting.setting} (${meaning}), vs n8n's nodes without identity check`,
			'builtin',
			target,
		);
		if (setting.results.some((r) => r.checked))
			row(
				`${setting.setting}, vs n8n's own nodes **with the identity check**`,
				'checked',
				CHECKED_TARGETS[setting.setting],
			);
	}
	for (const { setting } of realN8n.errors)
		lines.push(`| ${setting} | not measured in this run | | | | |`);
	if (realN8n.tokens.length) {
		const calls = CONCURRENCIES.map(
			(c) => realN8n.tokens.find((t) => t.concurrency === c)?.tokenCalls ?? NaN,
		);
		const executions = realN8n.tokens[0].executions;
		lines.push(
			`| token-endpoint calls per ${executions.toLocaleString('en')} executions, Fin Dynamic Token in real n8n (${realN8n.tokens[0].setting}) | ${calls.join(' | ')} | exactly 1 | ${calls.every((n) => n === 1) ? '**yes**' : 'no'} |`,
		);
	}
	return lines;
}

// `tsx bench/run.ts --render bench/results/<file>.json` writes RESULTS.md and the summary in docs/speed.md
// again from a saved run, without measuring.
const renderFrom = process.argv.indexOf('--render');
(renderFrom > 0
	? Promise.resolve().then(() =>
			render(JSON.parse(readFileSync(process.argv[renderFrom + 1], 'utf8'))),
		)
	: main()
).catch((error) => {
	console.error(error);
	process.exit(1);
});
