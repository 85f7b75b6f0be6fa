// `npm run bench`: one run measures everything issue 16 asks for and writes
// bench/results/<time>.json (git-ignored) and bench/RESULTS.md (committed, linked from the README).
// Every figure is a ratio against a baseline measured in the same run on the same machine; nothing
// here asserts wall-clock times. Temp folders, n8n and loopback servers are removed/stopped on exit.
//   FIN_BENCH_SKIP_N8N=1  skips (a), the real-n8n side by side (about 6 minutes).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchApiAction, benchAudience, benchPicker, benchTokenCalls } from './in-process';
import { benchCanvas } from './canvas';
import { benchRealN8n, SETTINGS, type SettingResult } from './real-n8n';

const log = (line: string) => process.stderr.write(`${line}\n`);
const fixed = (value: number, digits = 2) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

async function main() {
	// n8n-core's instance folder for the in-process runs only, removed when the process exits.
	const folder = mkdtempSync(join(tmpdir(), 'fin-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));

	const started = new Date();
	log('[b] API Action in the engine vs a bare HTTP call');
	const apiAction = await benchApiAction();
	log('[c] picker vs JSON.parse, 1 KB to 10 MB');
	const picker = await benchPicker();
	log('[d] Audience Filter, 10 rules and rollout');
	const audience = await benchAudience();
	log('[e] token-endpoint calls per 1,000 executions');
	const tokens = await benchTokenCalls();
	const canvas = await benchCanvas();
	let realN8n: SettingResult[] | undefined;
	let realN8nError: string | undefined;
	if (process.env.FIN_BENCH_SKIP_N8N !== '1') {
		log('[a] real n8n 2.40.7, template vs built-in nodes');
		// A failure here is reported in the results, and the other figures are still written.
		realN8n = await benchRealN8n(log).catch((error: unknown) => {
			realN8nError = error instanceof Error ? error.message : String(error);
			log(`[a] failed: ${realN8nError}`);
			return undefined;
		});
	}

	const results = {
		started: started.toISOString(),
		machine: { cpus: cpus().length, node: process.version },
		realN8n,
		realN8nError,
		apiAction,
		picker,
		audience,
		tokens,
		canvas,
	};
	const resultsDir = join(__dirname, 'results');
	mkdirSync(resultsDir, { recursive: true });
	const jsonPath = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(jsonPath, JSON.stringify(results, null, 2));

	const md: string[] = [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, ${process.version} (n8n itself runs on Node 24). The machine was shared with other jobs, so the figures are indicative: every one is a ratio against a baseline measured in the same run, rounds interleaved. Raw numbers: \`bench/results/*.json\` (not committed).`,
		'',
		"## (a) Real n8n 2.40.7: Shopify order-status template vs the same job in n8n's own nodes",
		'',
		'Ours: Fin Trigger (v2, JWT verified) -> Audience Filter -> API Action -> Answer. Built-in: Webhook -> If -> HTTP Request -> Edit Fields (no identity check). Same loopback Shopify API; both answered the same order fields before any timing. 3 interleaved rounds of 3 s per side and concurrency; ratio = median over rounds of ours/built-in.',
		'',
	];
	if (realN8nError) md.push(`Failed in this run: ${realN8nError.split('\n')[0]}`, '');
	else if (!realN8n) md.push('Skipped in this run (FIN_BENCH_SKIP_N8N=1).', '');
	else {
		md.push(
			'| n8n settings | concurrency | throughput ours/built-in | p50 latency ours/built-in | ours req/s (rounds) | built-in req/s (rounds) | failed ours/built-in |',
			'| --- | --- | --- | --- | --- | --- | --- |',
		);
		for (const setting of realN8n)
			for (const r of setting.results)
				md.push(
					`| ${setting.setting} | ${r.concurrency} | **${fixed(r.throughputRatio)}** | ${fixed(r.p50Ratio)}x | ${r.ours.map((x) => fixed(x.throughput, 0)).join(' / ')} | ${r.builtin.map((x) => fixed(x.throughput, 0)).join(' / ')} | ${r.ours.reduce((s, x) => s + x.failed, 0)} / ${r.builtin.reduce((s, x) => s + x.failed, 0)} |`,
				);
		md.push('', 'Settings:', '');
		for (const setting of SETTINGS)
			md.push(
				`- **${setting.name}**: ${
					Object.entries(setting.env)
						.map(([k, v]) => `\`${k}=${v}\``)
						.join(', ') || 'none'
				}: ${setting.why}.`,
			);
		md.push('');
	}
	md.push(
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
		`10 rules: about ${Math.round(audience.rules10ItemsPerS).toLocaleString('en')} items/s; 10 rules + 50 % rollout: about ${Math.round(audience.rolloutItemsPerS).toLocaleString('en')} items/s.`,
		'',
		'| measured / baseline | baseline µs | measured µs | ratio |',
		'| --- | --- | --- | --- |',
		...audience.ratios.map(
			(r) =>
				`| ${r.name} | ${fixed(r.baseline.perRunUs, 2)} | ${fixed(r.measured.perRunUs, 2)} | ${fixed(r.ratio)}x |`,
		),
		'',
		'## (e) Fin Dynamic Token: token-endpoint calls per 1,000 executions (one token lifetime, engine harness)',
		'',
		'| concurrency | executions | token calls |',
		'| --- | --- | --- |',
		...tokens.map((t) => `| ${t.concurrency} | ${t.executions} | ${t.tokenCalls} |`),
		'',
		'## (f) Canvas: 200-node first render and drag frame time',
		'',
		canvas.note,
		'',
	);
	writeFileSync(join(__dirname, 'RESULTS.md'), md.join('\n'));
	log(`wrote ${jsonPath} and bench/RESULTS.md`);
	if (realN8nError) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
