// The "matches" operator: regular expressions an ops team types, guarded against catastrophic
// backtracking in three layers.
//  1. Static check of the pattern, before it ever runs: no backreferences and no lookarounds (they
//     leave the regular languages), and no group repeated by `*`, `+` or `{n,m}` (m > 1) that itself
//     contains a quantifier or an alternation: `(a+)+`, `(\w*)*`, `(a?a)+`, `(a|aa)*`, `((ab)*c)+`.
//     Those shapes are where exponential backtracking comes from; without them (star height 1, no
//     ambiguous repeated alternation) the worst case is polynomial in the input length.
//     Also refused: quantified atoms next to each other (only optional atoms between them) that can
//     match the same characters, such as `\s*\s*$` or `\d+\d+x`: each such pair multiplies the
//     ways to split the input, the polynomial shape that blocked n8n for seconds per value.
//  2. Size caps: patterns up to 200 characters, inputs up to 1,000 characters (a longer input makes
//     the rule false, with a note in the audience record), which bounds the polynomial worst case.
//     Per item (RegexBudget): one time budget for all its "matches" rules together, and at most
//     MAX_ELEMENTS_PER_ITEM values tested (a list attribute counts each element), so a signed
//     request with many long values cannot buy one budget per value.
//  3. Execution through n8n's own `safeRegex` engine when the running n8n provides it (n8n-workflow
//     2.x runs it in a `node:vm` context with a 250 ms timeout); a time-out makes the rule false.
//     Older n8n versions without it fall back to the native engine, still behind layers 1 and 2.
import { safeRegex } from 'n8n-workflow';

export const MAX_PATTERN_LENGTH = 200;
export const MAX_INPUT_LENGTH = 1000;
const ALLOWED_FLAGS = 'imsu';

export interface GuardedPattern {
	source: string;
	flags: string;
}

export interface PatternTest {
	matched: boolean;
	/** Why the pattern did not run to the end, e.g. the input was too long. */
	note?: string;
}

interface GroupScan {
	repeats: boolean;
	alternates: boolean;
	/** Repeated atoms since the last mandatory one: what a next repeated atom must not overlap. */
	run: string[];
	/** `run` where the group opened, restored after each `|`. */
	runAtOpen: string[];
}

/** Characters tried when asking whether two atoms can match the same character. */
const SAMPLE: string[] = [
	...Array.from({ length: 0x250 }, (_, code) => String.fromCharCode(code)),
	'\u2028',
	'\u3000',
	'\uFEFF',
	'中',
	'😀',
];

/** Whether two atoms (`\s`, `[a-z]`, `.`, `x`, a group) can match one same character. */
function overlaps(left: string, right: string, flags: string): boolean {
	const compile = (atom: string) => {
		try {
			return new RegExp(`^(?:${atom})$`, flags.replace(/[gy]/g, ''));
		} catch {
			return undefined;
		}
	};
	const a = compile(left);
	const b = compile(right);
	// An atom that cannot be compiled on its own is treated as overlapping: refuse rather than guess.
	if (!a || !b) return true;
	return SAMPLE.some((char) => a.test(char) && b.test(char));
}

/** Splits `/source/flags` literals; a plain string is the source itself. */
function splitLiteral(raw: string): GuardedPattern {
	const literal = /^\/(.*)\/([a-z]*)$/s.exec(raw);
	return literal ? { source: literal[1], flags: literal[2] } : { source: raw, flags: '' };
}

/** Length of the `{n}`, `{n,}` or `{n,m}` quantifier at `at`, with its upper bound; 0 when it is a literal brace. */
function braceQuantifier(source: string, at: number): { length: number; max: number } {
	const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
	if (!match) return { length: 0, max: 1 };
	const max =
		match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
	return { length: match[0].length, max };
}

/** Index of the `(` that opens the group closing at `close` (escapes and classes skipped). */
function groupStart(source: string, close: number): number {
	const opens: number[] = [];
	let i = 0;
	while (i < close) {
		if (source[i] === '\\') i += 2;
		else if (source[i] === '[') i = skipClass(source, i);
		else {
			if (source[i] === '(') opens.push(i);
			else if (source[i] === ')') opens.pop();
			i++;
		}
	}
	return opens.pop() ?? 0;
}

/** Index just after the character class that opens at `at`. */
function skipClass(source: string, at: number): number {
	let i = at + 1;
	if (source[i] === '^') i++;
	if (source[i] === ']') i++;
	while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
	return i + 1;
}

/** The scan of one pattern, left to right, shared by the token readers below. */
interface Scan {
	source: string;
	flags: string;
	stack: GroupScan[];
	// What the next quantifier applies to: a single atom, a closed group, or nothing (start, `|`).
	last: 'atom' | GroupScan | undefined;
	// Where the atom (or group) `last` names starts, and whether it was left without a quantifier.
	lastStart: number;
	i: number;
}

type Quantifier = { length: number; max: number };

/** Each reader consumes its token at `scan.i` and returns a problem, if the token is one. */
type TokenReader = (scan: Scan) => string | undefined;

const innermost = (scan: Scan): GroupScan => scan.stack[scan.stack.length - 1];

/** The quantifier at `at` (`*`, `+`, `?`, `{n,m}`), if there is one. */
function quantifierAt(source: string, at: number): Quantifier | undefined {
	const char = source[at];
	if (char === '*' || char === '+') return { length: 1, max: Infinity };
	if (char === '?') return { length: 1, max: 1 };
	if (char === '{') {
		const brace = braceQuantifier(source, at);
		if (brace.length > 0) return brace;
	}
	return undefined;
}

const readEscape: TokenReader = (scan) => {
	const { source, i } = scan;
	const next = source[i + 1] ?? '';
	if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) {
		return 'backreferences (\\1, \\k<name>) can take exponential time';
	}
	const braced = /^[pPu]\{[^}]*\}/.exec(source.slice(i + 1));
	scan.i += braced ? braced[0].length + 1 : 2;
	scan.last = 'atom';
	return undefined;
};

const readClass: TokenReader = (scan) => {
	scan.i = skipClass(scan.source, scan.i);
	scan.last = 'atom';
	return undefined;
};

const openGroup: TokenReader = (scan) => {
	const rest = scan.source.slice(scan.i);
	if (/^\(\?<?[=!]/.test(rest)) return 'lookahead and lookbehind assertions are not supported';
	const { run } = innermost(scan);
	scan.stack.push({ repeats: false, alternates: false, run: [...run], runAtOpen: [...run] });
	const opener = /^\((\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(rest)!;
	scan.i += opener[0].length;
	scan.last = undefined;
	return undefined;
};

const closeGroup: TokenReader = (scan) => {
	const closed = scan.stack.length > 1 ? scan.stack.pop()! : innermost(scan);
	const parent = innermost(scan);
	parent.repeats ||= closed.repeats;
	parent.alternates ||= closed.alternates;
	// What a group leaves repeated at its end is next to what follows it.
	parent.run = closed.alternates ? [...closed.runAtOpen, ...closed.run] : closed.run;
	scan.last = closed;
	scan.lastStart = groupStart(scan.source, scan.i);
	scan.i++;
	return undefined;
};

const alternate: TokenReader = (scan) => {
	const current = innermost(scan);
	current.alternates = true;
	current.run = [...current.runAtOpen];
	scan.last = undefined;
	scan.i++;
	return undefined;
};

const readAtom: TokenReader = (scan) => {
	scan.last = 'atom';
	scan.i++;
	return undefined;
};

const TOKEN_READERS = new Map<string, TokenReader>([
	['\\', readEscape],
	['[', readClass],
	['(', openGroup],
	[')', closeGroup],
	['|', alternate],
]);

function readQuantifier(scan: Scan, quantifier: Quantifier): string | undefined {
	const { last, source, flags } = scan;
	const current = innermost(scan);
	if (
		quantifier.max > 1 &&
		last !== undefined &&
		last !== 'atom' &&
		(last.repeats || last.alternates)
	) {
		return last.repeats
			? 'a repeated group contains another quantifier (nested quantifiers such as (a+)+ or (a?a)*)'
			: 'a repeated group contains an alternation (such as (a|aa)*; write [ab]* for single characters)';
	}
	// Small bounded repeats (\d{3}\d{4}) split the input in few ways; large ones count as unbounded.
	if (quantifier.max > 10 && last !== undefined) {
		const atom = source.slice(scan.lastStart, scan.i);
		if (current.run.some((earlier) => overlaps(earlier, atom, flags)))
			return 'quantifiers next to each other over overlapping characters (such as \\s*\\s* or \\d+\\d+) take polynomial time; merge them into one (\\s*) or separate them with a character that must match';
		current.run.push(atom);
	}
	// Any quantifier, even `?`, makes a group ambiguous enough to blow up when repeated: (a?a)+.
	current.repeats = true;
	scan.i += quantifier.length;
	if (source[scan.i] === '?') scan.i++; // lazy quantifier
	scan.last = undefined;
	return undefined;
}

/** What is unsafe about `source` (the shapes described at the top of this file), if anything. */
function unsafeShape(source: string, flags = ''): string | undefined {
	const scan: Scan = {
		source,
		flags,
		stack: [{ repeats: false, alternates: false, run: [], runAtOpen: [] }],
		last: undefined,
		lastStart: 0,
		i: 0,
	};
	while (scan.i < source.length) {
		const char = source[scan.i];
		const quantifier = quantifierAt(source, scan.i);
		// The previous atom stood without a quantifier: it must match, so it separates repeated atoms.
		if (!quantifier && scan.last === 'atom') innermost(scan).run = [];
		if (char !== ')' && !quantifier) scan.lastStart = scan.i;
		const problem = quantifier
			? readQuantifier(scan, quantifier)
			: (TOKEN_READERS.get(char) ?? readAtom)(scan);
		if (problem) return problem;
	}
	return undefined;
}

function compileProblem(source: string, flags: string): string | undefined {
	try {
		new RegExp(source, flags);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * Checks a pattern written as `text` or `/text/flags`: either what to run, or why it may not run
 * (too long, a disallowed flag or shape, or it does not compile).
 */
export function guardPattern(
	raw: string,
	ignoreCase: boolean,
): { pattern: GuardedPattern } | { problem: string } {
	const { source, flags } = splitLiteral(raw);
	const badFlag = [...flags].find((flag) => !ALLOWED_FLAGS.includes(flag));
	const allFlags = ignoreCase && !flags.includes('i') ? `${flags}i` : flags;
	const problem =
		raw.length === 0
			? 'the pattern is empty'
			: raw.length > MAX_PATTERN_LENGTH
				? `patterns are limited to ${MAX_PATTERN_LENGTH} characters`
				: badFlag
					? `flag "${badFlag}" is not supported (use i, m, s or u)`
					: (compileProblem(source, allFlags) ?? unsafeShape(source, allFlags));
	if (problem)
		return {
			problem: `the regular expression "${raw.length > 60 ? `${raw.slice(0, 60)}...` : raw}" is not allowed: ${problem}`,
		};
	return { pattern: { source, flags: allFlags } };
}

/** Runs a guarded pattern against one input; never throws for a time-out or an over-long input. */
export function testPattern(pattern: GuardedPattern, input: string): PatternTest {
	if (input.length > MAX_INPUT_LENGTH) {
		return {
			matched: false,
			note: `input longer than ${MAX_INPUT_LENGTH} characters is not matched`,
		};
	}
	// Older n8n-workflow versions do not export safeRegex: the static guard and caps still apply.
	if (typeof safeRegex?.test !== 'function')
		return { matched: new RegExp(pattern.source, pattern.flags).test(input) };
	try {
		return { matched: safeRegex.test(pattern.source, input, pattern.flags) };
	} catch (error) {
		return { matched: false, note: `regular expression stopped: ${(error as Error).message}` };
	}
}

/** Time all "matches" rules of one item may spend together (a single test may overrun it once). */
export const ITEM_BUDGET_MS = 250;
/** Values one item may have tested (each element of a list attribute is one). */
export const MAX_ELEMENTS_PER_ITEM = 100;

/**
 * One budget per item: without it each value got its own time limit, and a signed request with a
 * hundred long values bought a hundred of them. Past the budget or the element cap a value is
 * not matched, with a note saying why.
 */
export class RegexBudget {
	private spentMs = 0;
	private tested = 0;

	test(pattern: GuardedPattern, input: string): PatternTest {
		if (this.tested >= MAX_ELEMENTS_PER_ITEM) {
			return {
				matched: false,
				note: `more than ${MAX_ELEMENTS_PER_ITEM} values or list elements of this item were tested against regular expressions; the rest are not matched`,
			};
		}
		if (this.spentMs >= ITEM_BUDGET_MS) {
			return {
				matched: false,
				note: `the regular-expression budget of ${ITEM_BUDGET_MS} ms for this item is used up; the rest are not matched`,
			};
		}
		this.tested++;
		const started = Date.now();
		const result = testPattern(pattern, input);
		this.spentMs += Date.now() - started;
		return result;
	}
}
