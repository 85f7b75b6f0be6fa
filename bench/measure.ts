// Times a function over a bounded number of runs; results are only compared with a baseline
// measured in the same process, never with a wall-clock limit.
export interface Measurement {
	name: string;
	runs: number;
	totalMs: number;
	perRunUs: number;
}

export async function measure(
	name: string,
	runs: number,
	body: (index: number) => unknown | Promise<unknown>,
): Promise<Measurement> {
	// Warm-up: JIT and connection pools, outside the measurement.
	for (let index = 0; index < Math.min(20, runs); index++) await body(index);
	const started = process.hrtime.bigint();
	for (let index = 0; index < runs; index++) await body(index);
	const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
	return { name, runs, totalMs, perRunUs: (totalMs * 1000) / runs };
}

export function report(title: string, baseline: Measurement, subject: Measurement): string {
	const ratio = subject.perRunUs / baseline.perRunUs;
	return [
		title,
		`  baseline  ${baseline.name}: ${baseline.perRunUs.toFixed(1)} µs/run over ${baseline.runs} runs`,
		`  measured  ${subject.name}: ${subject.perRunUs.toFixed(1)} µs/run over ${subject.runs} runs`,
		`  ratio     ${ratio.toFixed(2)}x the baseline`,
	].join('\n');
}
