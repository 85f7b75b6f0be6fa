// Audience rules: one attribute, one operator, one value, combined with AND / OR inside a group and
// again between groups. A missing attribute never throws: the rule is false (except "is not set",
// which is true) and the outcome names the attribute. A rule that cannot work whatever the item
// (unknown attribute root, a non-date value for "greater than", an unsafe pattern) throws RuleConfigError.
import type { IDataObject } from 'n8n-workflow';

import { isAttributePath, readAttribute } from '../shared/attributes';
import { ATTRIBUTE_ROOTS } from '../shared/conversation-item';
import { toDateTime, toFiniteNumber, toText } from '../shared/values';
import { guardPattern, RegexBudget, type GuardedPattern } from './safe-regex';

export const OPERATORS = [
	'equals',
	'notEquals',
	'contains',
	'notContains',
	'startsWith',
	'endsWith',
	'isSet',
	'isNotSet',
	'greaterThan',
	'lessThan',
	'isOneOf',
	'matches',
] as const;
export type Operator = (typeof OPERATORS)[number];
export type Combinator = 'and' | 'or';

export interface Rule {
	attribute: string;
	operator: Operator;
	value?: unknown;
	/** Optional label shown in the audience record. */
	name?: string;
}

export interface RuleGroup {
	combinator: Combinator;
	rules: Rule[];
}

export interface RuleOptions {
	caseSensitive: boolean;
}

/** What one rule decided, as written into the audience record. */
export interface RuleOutcome {
	/** 1-based position of the group and of the rule inside it, as the editor shows them. */
	group: number;
	rule: number;
	name: string;
	attribute: string;
	operator: Operator;
	value?: unknown;
	result: boolean;
	missingAttribute?: true;
	note?: string;
}

export interface RulesDecision {
	result: boolean;
	/** The rule that settled the result; undefined when there are no rules. */
	decidedBy?: RuleOutcome;
	/** Attributes that rules evaluated on this item looked for and did not find. */
	missingAttributes: string[];
}

export class RuleConfigError extends Error {
	constructor(position: { group: number; rule: number }, message: string) {
		super(`Rule ${position.rule} of group ${position.group}: ${message}`);
		this.name = 'RuleConfigError';
	}
}

const VALUELESS: Operator[] = ['isSet', 'isNotSet'];

function label(rule: Rule): string {
	if (rule.name) return rule.name;
	return VALUELESS.includes(rule.operator)
		? `${rule.attribute} ${rule.operator}`
		: `${rule.attribute} ${rule.operator} ${JSON.stringify(rule.value ?? '')}`;
}

/** The list an "is one of" rule compares with: an array, or text split at commas and new lines. */
function listOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	return toText(value)
		.split(/[,\n]/)
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}

type Comparable = { kind: 'number'; value: number } | { kind: 'date'; value: number };

/** The configured side of greater / less than: a number, else a date. */
function comparableValue(value: unknown): Comparable | undefined {
	const number = toFiniteNumber(value);
	if (number !== undefined) return { kind: 'number', value: number };
	const date = toDateTime(value);
	return date ? { kind: 'date', value: date.toMillis() } : undefined;
}

/** The attribute side, read the same way as the configured side. */
function comparableAttribute(attribute: unknown, against: Comparable): number | undefined {
	if (against.kind === 'number') {
		const number = toFiniteNumber(attribute);
		if (number !== undefined) return number;
	}
	return toDateTime(attribute)?.toMillis();
}

class RuleEvaluator {
	private readonly fold: (text: string) => string;

	/** One evaluator per item, so one regex budget per item (safe-regex.ts). */
	private readonly regexBudget = new RegexBudget();

	constructor(private readonly options: RuleOptions) {
		this.fold = options.caseSensitive ? (text) => text : (text) => text.toLowerCase();
	}

	private equal(left: unknown, right: unknown): boolean {
		const leftNumber = toFiniteNumber(left);
		const rightNumber = toFiniteNumber(right);
		if (leftNumber !== undefined && rightNumber !== undefined) return leftNumber === rightNumber;
		return this.fold(toText(left)) === this.fold(toText(right));
	}

	/** Configuration problems surface whether or not this item has the attribute. */
	private checkRule(
		rule: Rule,
		position: { group: number; rule: number },
	): { comparable?: Comparable; pattern?: GuardedPattern } {
		if (!isAttributePath(rule.attribute)) {
			throw new RuleConfigError(
				position,
				`"${rule.attribute}" is not an attribute path; write <root>.<key> with root ${ATTRIBUTE_ROOTS.join(', ')} (e.g. user.plan)`,
			);
		}
		if (!(OPERATORS as readonly string[]).includes(rule.operator)) {
			throw new RuleConfigError(position, `unknown operator "${rule.operator}"`);
		}
		const comparable = ['greaterThan', 'lessThan'].includes(rule.operator)
			? comparableValue(rule.value)
			: undefined;
		if (!comparable && ['greaterThan', 'lessThan'].includes(rule.operator)) {
			throw new RuleConfigError(position, `"${toText(rule.value)}" is neither a number nor a date`);
		}
		let pattern: GuardedPattern | undefined;
		if (rule.operator === 'matches') {
			const guarded = guardPattern(toText(rule.value), !this.options.caseSensitive);
			if ('problem' in guarded) throw new RuleConfigError(position, guarded.problem);
			pattern = guarded.pattern;
		}
		return { comparable, pattern };
	}

	evaluate(item: IDataObject, rule: Rule, position: { group: number; rule: number }): RuleOutcome {
		const checked = this.checkRule(rule, position);
		const outcome: RuleOutcome = {
			...position,
			name: label(rule),
			attribute: rule.attribute,
			operator: rule.operator,
			...(VALUELESS.includes(rule.operator) ? {} : { value: rule.value }),
			result: false,
		};
		const lookup = readAttribute(item, rule.attribute);
		if (!lookup.found) {
			return { ...outcome, result: rule.operator === 'isNotSet', missingAttribute: true };
		}
		return this.compare(rule, lookup.value, outcome, checked);
	}

	/** Whether an element matches, within the regex budget (its note when none did). */
	private matchesAny(pattern: GuardedPattern, elements: unknown[]) {
		const notes: string[] = [];
		const result = elements.some((element) => {
			const test = this.regexBudget.test(pattern, toText(element));
			if (test.note) notes.push(test.note);
			return test.matched;
		});
		return { result, ...(notes.length > 0 && !result ? { note: notes[0] } : {}) };
	}

	/** The operator applied to the attribute's value (found, not null). */
	private compare(
		rule: Rule,
		actual: unknown,
		outcome: RuleOutcome,
		{ comparable, pattern }: { comparable?: Comparable; pattern?: GuardedPattern },
	): RuleOutcome {
		const elements = Array.isArray(actual) ? actual : [actual];
		const text = this.fold(toText(actual));
		const wanted = this.fold(toText(rule.value));
		switch (rule.operator) {
			case 'equals':
				return { ...outcome, result: this.equal(actual, rule.value) };
			case 'notEquals':
				return { ...outcome, result: !this.equal(actual, rule.value) };
			case 'contains':
			case 'notContains': {
				const contains = Array.isArray(actual)
					? actual.some((element) => this.equal(element, rule.value))
					: text.includes(wanted);
				return { ...outcome, result: rule.operator === 'contains' ? contains : !contains };
			}
			case 'startsWith':
				return { ...outcome, result: text.startsWith(wanted) };
			case 'endsWith':
				return { ...outcome, result: text.endsWith(wanted) };
			case 'isSet':
			case 'isNotSet': {
				const empty = actual === '' || (Array.isArray(actual) && actual.length === 0);
				return { ...outcome, result: rule.operator === 'isSet' ? !empty : empty };
			}
			case 'greaterThan':
			case 'lessThan': {
				const left = comparableAttribute(actual, comparable!);
				if (left === undefined) {
					return { ...outcome, note: `${rule.attribute} is not a ${comparable!.kind}` };
				}
				const right = comparable!.value;
				return {
					...outcome,
					result: rule.operator === 'greaterThan' ? left > right : left < right,
				};
			}
			case 'isOneOf': {
				const list = listOf(rule.value);
				return {
					...outcome,
					result: elements.some((element) => list.some((entry) => this.equal(element, entry))),
				};
			}
			case 'matches':
				return { ...outcome, ...this.matchesAny(pattern!, elements) };
		}
		return outcome;
	}
}

/**
 * Evaluates `list` left to right the way AND / OR short-circuit and returns the result with the
 * element that settled it: the first false one for AND, the first true one for OR, else the last.
 */
function settle<T>(
	list: T[],
	combinator: Combinator,
	evaluate: (entry: T, index: number) => { result: boolean },
) {
	let last: { result: boolean } | undefined;
	for (let index = 0; index < list.length; index++) {
		last = evaluate(list[index], index);
		if (combinator === 'and' ? !last.result : last.result) break;
	}
	return last;
}

/** Evaluates rule groups on one item; an empty group is ignored and no rules at all match everyone. */
export function evaluateRuleGroups(
	item: IDataObject,
	groups: RuleGroup[],
	combinator: Combinator,
	options: RuleOptions,
): RulesDecision {
	const evaluator = new RuleEvaluator(options);
	const missingAttributes = new Set<string>();
	const nonEmpty = groups
		.map((group, index) => ({ group, number: index + 1 }))
		.filter(({ group }) => group.rules.length > 0);
	let decidedBy: RuleOutcome | undefined;
	const settled = settle(nonEmpty, combinator, ({ group, number }) => {
		const groupResult = settle(group.rules, group.combinator, (rule, index) => {
			const outcome = evaluator.evaluate(item, rule, { group: number, rule: index + 1 });
			if (outcome.missingAttribute) missingAttributes.add(outcome.attribute);
			decidedBy = outcome;
			return outcome;
		});
		return groupResult!;
	});
	return { result: settled?.result ?? true, decidedBy, missingAttributes: [...missingAttributes] };
}
