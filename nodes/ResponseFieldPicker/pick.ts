// Picks the configured fields out of a response: each field is a pointer (with `*` wildcards), a
// display name, a transform, an optional default and a required flag. Only what the fields select
// ends up in the answer.
import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import {
	parsePointer,
	pointerProblem,
	resolvePointer,
	type PointerToken,
} from '../shared/json-pointer';
import { compileTransform, type Transform, type TransformSpec } from './transforms';

export interface FieldSpec {
	pointer: string;
	/** Key of the value in the answer; empty: the pointer's last key. */
	name?: string;
	required?: boolean;
	/** Used when the pointer finds nothing (or only nulls); empty: the field is left out. */
	defaultValue?: string;
	transform: TransformSpec;
}

export interface CompiledField {
	pointer: string;
	name: string;
	required: boolean;
	defaultValue?: string;
	tokens: PointerToken[];
	transform: Transform;
}

export interface PickResult {
	answer: IDataObject;
	/** Configured pointers that found at least one value that is not null. */
	fieldsUsed: string[];
	/** Required fields that found nothing. */
	missingRequired: CompiledField[];
}

export class FieldConfigError extends Error {
	constructor(position: number, spec: FieldSpec, reason: string) {
		super(`Field ${position}${spec.name ? ` ("${spec.name}")` : ''}: ${reason}`);
		this.name = 'FieldConfigError';
	}
}

function defaultName(tokens: PointerToken[], pointer: string): string {
	const named = [...tokens]
		.reverse()
		.find((token) => !token.wildcard && !/^\d+$/.test(token.key) && token.key !== '');
	return named?.key ?? (pointer || 'response');
}

/** Checks every field once; throws FieldConfigError naming the field and what is wrong. */
export function compileFields(specs: FieldSpec[]): CompiledField[] {
	const names = new Set<string>();
	return specs.map((spec, index) => {
		const position = index + 1;
		const problem = pointerProblem(spec.pointer);
		if (problem)
			throw new FieldConfigError(
				position,
				spec,
				`the JSON pointer "${spec.pointer}" is malformed: ${problem}`,
			);
		const tokens = parsePointer(spec.pointer);
		const transform = compileTransform(spec.transform);
		if (typeof transform === 'string') throw new FieldConfigError(position, spec, transform);
		const name = spec.name?.trim() || defaultName(tokens, spec.pointer);
		if (names.has(name)) {
			throw new FieldConfigError(
				position,
				spec,
				`another field is already named "${name}"; give each field its own display name`,
			);
		}
		names.add(name);
		return {
			pointer: spec.pointer,
			name,
			required: spec.required === true,
			defaultValue: spec.defaultValue === '' ? undefined : spec.defaultValue,
			tokens,
			transform,
		};
	});
}

const isPresent = (value: unknown) => value !== null && value !== undefined;

export function pickFields(response: unknown, fields: CompiledField[]): PickResult {
	const answer: IDataObject = {};
	const fieldsUsed: string[] = [];
	const missingRequired: CompiledField[] = [];
	for (const field of fields) {
		const { values, many } = resolvePointer(response, field.tokens);
		const matched = values.some(isPresent);
		if (matched) fieldsUsed.push(field.pointer);
		else if (field.required) missingRequired.push(field);
		let value: unknown;
		if (!matched) value = field.defaultValue;
		else if (!many) value = field.transform(values[0]);
		else {
			// Nulls inside a list keep their place (they line up with other wildcard fields) or take the default.
			const transformed = field.transform(
				values.map((element) => (isPresent(element) ? element : null)),
			);
			value = Array.isArray(transformed)
				? transformed.map((element) =>
						isPresent(element) ? element : (field.defaultValue ?? null),
					)
				: transformed;
		}
		if (value !== undefined) answer[field.name] = value as IDataObject[keyof IDataObject];
	}
	return { answer: deepCopy(answer), fieldsUsed, missingRequired };
}
