// Data inputs an AI Agent may collect from the customer (an order number, say) and pass to the
// action. Each input is declared by one n8n `$fromAI('name', 'description', 'type')` call: that is
// what n8n turns into the tool's argument schema (n8n-core getSchema, zod), so the model sees
// exactly the name, description and type declared here. The constraints n8n's schema cannot carry
// (required, allowed values, pattern, maximum length) are checked here before any request is built.
// Values are used only as `{{input.<name>}}` placeholders, encoded for where they stand, never
// expanded, and never decide whose data is read (that comes from the trigger, tool-mode.ts).
import type { IDataObject } from 'n8n-workflow';
import { extractFromAICalls } from 'n8n-workflow';

import { toFiniteNumber } from '../shared/values';

export type InputType = 'string' | 'number' | 'boolean';

export interface InputDeclaration {
	name: string;
	description: string;
	type: InputType;
	required: boolean;
	allowedValues: string[];
	pattern?: RegExp;
	maxLength: number;
}

/** One entry of the node's "AI Inputs" list as stored in the workflow (raw, not evaluated). */
export interface InputParameter {
	argument?: string;
	required?: boolean;
	allowedValues?: string;
	pattern?: string;
	maxLength?: number;
}

/** The admin's input list cannot work as configured. */
export class InputConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputConfigError';
	}
}

/** The model (or test values) gave a value the declaration refuses; the message is for the model. */
export class InputValueError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InputValueError';
	}
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DEFAULT_MAX_LENGTH = 200;
// C0 controls and DEL (\p{Cc} without the C1 range), written without control-character escapes.
const CONTROL = /(?![\u0080-\u009f])\p{Cc}/u;

/** The `$fromAI` expression n8n expects for a declaration (the canvas and templates write it). */
export function fromAiExpression(name: string, description: string, type: InputType): string {
	const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	return `={{ $fromAI(${quote(name)}, ${quote(description)}, ${quote(type)}) }}`;
}

/** The one `$fromAI` call of a "Model Argument". */
function fromAiCall(raw: string, position: string): ReturnType<typeof extractFromAICalls>[number] {
	let calls: ReturnType<typeof extractFromAICalls> = [];
	let parseProblem: string | undefined;
	try {
		calls = extractFromAICalls(raw);
	} catch (error) {
		parseProblem = (error as Error).message;
	}
	if (parseProblem) throw new InputConfigError(`${position}: ${parseProblem}`);
	if (calls.length !== 1) {
		throw new InputConfigError(
			`${position}: "Model Argument" must hold exactly one $fromAI call, e.g. {{ $fromAI('order_number', 'The order number, e.g. 1001', 'string') }}.`,
		);
	}
	return calls[0];
}

/** The anchored pattern (the whole value must match, not a part of it), if one is set. */
function patternOf(parameter: InputParameter, position: string): RegExp | undefined {
	if (!parameter.pattern) return undefined;
	let pattern: RegExp | undefined;
	try {
		pattern = new RegExp(`^(?:${parameter.pattern})$`, 'u');
	} catch {
		pattern = undefined;
	}
	if (!pattern)
		throw new InputConfigError(
			`${position}: the pattern "${parameter.pattern}" is not a valid regular expression.`,
		);
	return pattern;
}

function parseDeclaration(
	parameter: InputParameter,
	position: string,
	seen: Set<string>,
): InputDeclaration {
	const call = fromAiCall(String(parameter.argument ?? ''), position);
	if (!NAME.test(call.key)) {
		throw new InputConfigError(
			`${position}: the input name "${call.key}" must start with a letter and use only letters, digits and _ (at most 64).`,
		);
	}
	if (seen.has(call.key))
		throw new InputConfigError(`${position}: another input is already named "${call.key}".`);
	seen.add(call.key);
	const type = (call.type ?? 'string') as string;
	if (type !== 'string' && type !== 'number' && type !== 'boolean') {
		throw new InputConfigError(
			`${position}: the type of "${call.key}" must be string, number or boolean (for a choice, use string with Allowed Values).`,
		);
	}
	const maxLength = parameter.maxLength ?? DEFAULT_MAX_LENGTH;
	if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 1000)
		throw new InputConfigError(`${position}: Max Length must be a whole number from 1 to 1000.`);
	return {
		name: call.key,
		description: call.description ?? '',
		type,
		required: parameter.required !== false,
		allowedValues: (parameter.allowedValues ?? '')
			.split(',')
			.map((value) => value.trim())
			.filter(Boolean),
		pattern: patternOf(parameter, position),
		maxLength,
	};
}

export function parseInputDeclarations(parameters: InputParameter[]): InputDeclaration[] {
	const seen = new Set<string>();
	return parameters.map((parameter, index) =>
		parseDeclaration(parameter, `AI input ${index + 1}`, seen),
	);
}

/**
 * `$fromAI` anywhere but in "AI Inputs" would hand the model an n8n expression result that skips
 * the declarations (and, in the URL, the encoding): refuse it, naming the parameter.
 */
export function fromAiOutsideInputs(parameters: IDataObject): string | undefined {
	const find = (value: unknown, path: string): string | undefined => {
		if (typeof value === 'string') return /\$fromAI\s*\(/i.test(value) ? path : undefined;
		if (value && typeof value === 'object')
			for (const [key, inner] of Object.entries(value)) {
				const found = find(inner, path ? `${path}.${key}` : key);
				if (found) return found;
			}
		return undefined;
	};
	for (const [name, value] of Object.entries(parameters)) {
		if (name === 'aiInputs') continue;
		const found = find(value, name);
		if (found) return found;
	}
	return undefined;
}

const isMissing = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function ask(input: InputDeclaration): string {
	return input.description ? ` (${input.description})` : '';
}

function checkValue(input: InputDeclaration, value: unknown): string | number | boolean {
	const refuse = (reason: string) =>
		new InputValueError(`The input "${input.name}"${ask(input)} ${reason}`);
	if (input.type === 'number') {
		const number = toFiniteNumber(value);
		if (number === undefined) throw refuse('must be a number.');
		return number;
	}
	if (input.type === 'boolean') {
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		throw refuse('must be true or false.');
	}
	if (typeof value !== 'string' && typeof value !== 'number') throw refuse('must be text.');
	const text = String(value);
	if (CONTROL.test(text)) throw refuse('must not contain control characters or line breaks.');
	if (Array.from(text).length > input.maxLength)
		throw refuse(`must be at most ${input.maxLength} characters.`);
	if (input.allowedValues.length > 0) {
		const match = input.allowedValues.find(
			(allowed) => allowed.toLowerCase() === text.trim().toLowerCase(),
		);
		if (match === undefined) throw refuse(`must be one of: ${input.allowedValues.join(', ')}.`);
		return match;
	}
	if (input.pattern && !input.pattern.test(text))
		throw refuse('does not have the expected format; ask the customer to check it.');
	return text;
}

/**
 * The validated values by name, from raw values by name (the model's arguments in tool mode).
 * Only declared names are read; a missing required input is an error the model can act on.
 */
export function validateInputs(
	inputs: InputDeclaration[],
	values: Record<string, unknown>,
): IDataObject {
	const out: IDataObject = {};
	for (const input of inputs) {
		const value = Object.prototype.hasOwnProperty.call(values, input.name)
			? values[input.name]
			: undefined;
		if (isMissing(value)) {
			if (input.required)
				throw new InputValueError(
					`The required input "${input.name}"${ask(input)} is missing. Ask the customer for it, then call this tool again with it.`,
				);
			continue;
		}
		out[input.name] = checkValue(input, value);
	}
	return out;
}
