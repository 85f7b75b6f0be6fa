// Transforms applied to a picked value before the AI sees it. Every transform except "join" works on
// single values and is applied to each element of a list; "mask" and "truncate" also reach every
// leaf of an object (a masked card object must not reveal its number or CVV); a value the transform cannot read (a date
// transform on "n/a") is passed through unchanged. Settings that can never work (an unknown currency
// or time zone) are reported by compileTransform before any item is touched.
import { DateTime } from 'luxon';

import { toDateTime, toFiniteNumber, toText } from './values';

export type TransformSpec =
	| { type: 'none' }
	| { type: 'valueMap'; mappings: Array<{ from: string; to: string }> }
	| { type: 'date'; format: string; timezone: string; locale: string }
	| { type: 'number'; decimals: number; locale: string }
	| { type: 'currency'; currency: string; locale: string; minorUnits: boolean }
	| { type: 'truncate'; maxLength: number }
	| { type: 'mask'; keepLast: number }
	| { type: 'join'; separator: string };

export type TransformType = TransformSpec['type'];

export type Transform = (value: unknown) => unknown;

const MASK_CHARACTER = '•';
const ELLIPSIS = '…';

function isScalar(value: unknown): value is string | number | boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Applies `transform` to a scalar, or to each element of a list (nested lists too). */
function eachScalar(transform: (value: string | number | boolean) => unknown): Transform {
	const apply = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(apply);
		return isScalar(value) ? transform(value) : value;
	};
	return apply;
}

/** Like eachScalar, and also into every own property of objects: for transforms that hide data. */
function eachLeaf(transform: (value: string | number | boolean) => unknown): Transform {
	const apply = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(apply);
		if (value !== null && typeof value === 'object') {
			const out: Record<string, unknown> = {};
			// defineProperty: a "__proto__" key from parsed JSON stays a plain key.
			for (const [key, inner] of Object.entries(value))
				Object.defineProperty(out, key, {
					value: apply(inner),
					enumerable: true,
					writable: true,
					configurable: true,
				});
			return out;
		}
		return isScalar(value) ? transform(value) : value;
	};
	return apply;
}

function integerProblem(value: number, name: string, min: number, max: number): string | undefined {
	return Number.isInteger(value) && value >= min && value <= max
		? undefined
		: `${name} must be a whole number from ${min} to ${max}`;
}

function localeProblem(locale: string): string | undefined {
	try {
		new Intl.NumberFormat(locale);
		return undefined;
	} catch {
		return `"${locale}" is not a locale such as en-US`;
	}
}

function currencyFormat(locale: string, currency: string): Intl.NumberFormat | string {
	try {
		return new Intl.NumberFormat(locale, { style: 'currency', currency });
	} catch {
		return `"${currency}" is not an ISO 4217 currency code such as USD`;
	}
}

type SpecOf<T extends TransformType> = Extract<TransformSpec, { type: T }>;

// Matching ignores case and surrounding spaces: "FULFILLED " maps like "fulfilled".
function compileValueMap(spec: SpecOf<'valueMap'>): Transform {
	const table = new Map(spec.mappings.map(({ from, to }) => [from.trim().toLowerCase(), to]));
	return eachScalar((value) => table.get(toText(value).trim().toLowerCase()) ?? value);
}

function compileDate(spec: SpecOf<'date'>): Transform | string {
	if (!spec.format.trim()) return 'the date format is empty';
	if (!DateTime.utc().setZone(spec.timezone).isValid)
		return `"${spec.timezone}" is not a time zone such as UTC or Europe/Paris`;
	const problem = localeProblem(spec.locale);
	if (problem) return problem;
	return eachScalar((value) => {
		const date = toDateTime(value);
		return date ? date.setZone(spec.timezone).setLocale(spec.locale).toFormat(spec.format) : value;
	});
}

function compileNumber(spec: SpecOf<'number'>): Transform | string {
	const problem = integerProblem(spec.decimals, 'decimals', 0, 20) ?? localeProblem(spec.locale);
	if (problem) return problem;
	const format = new Intl.NumberFormat(spec.locale, {
		minimumFractionDigits: spec.decimals,
		maximumFractionDigits: spec.decimals,
	});
	return eachScalar((value) => {
		const number = toFiniteNumber(value);
		return number === undefined ? value : format.format(number);
	});
}

function compileCurrency(spec: SpecOf<'currency'>): Transform | string {
	const problem = localeProblem(spec.locale);
	if (problem) return problem;
	const format = currencyFormat(spec.locale, spec.currency.trim().toUpperCase());
	if (typeof format === 'string') return format;
	// Minor units (cents, as Stripe and many billing APIs send them) by the currency's own digits.
	const divisor = spec.minorUnits ? 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) : 1;
	return eachScalar((value) => {
		const number = toFiniteNumber(value);
		return number === undefined ? value : format.format(number / divisor);
	});
}

function compileTruncate(spec: SpecOf<'truncate'>): Transform | string {
	const problem = integerProblem(spec.maxLength, 'the maximum length', 1, 1_000_000);
	if (problem) return problem;
	return eachLeaf((value) => {
		const characters = Array.from(toText(value));
		return characters.length <= spec.maxLength
			? value
			: `${characters.slice(0, spec.maxLength - 1).join('')}${ELLIPSIS}`;
	});
}

// A value no longer than what would be kept is masked entirely: masking must hide something.
function compileMask(spec: SpecOf<'mask'>): Transform | string {
	const problem = integerProblem(spec.keepLast, 'characters to keep', 0, 1000);
	if (problem) return problem;
	return eachLeaf((value) => {
		const characters = Array.from(toText(value));
		const keep = characters.length > spec.keepLast ? spec.keepLast : 0;
		return (
			MASK_CHARACTER.repeat(characters.length - keep) +
			characters.slice(characters.length - keep).join('')
		);
	});
}

function compileJoin(spec: SpecOf<'join'>): Transform {
	const flatten = (value: unknown): unknown[] =>
		Array.isArray(value) ? value.flatMap(flatten) : [value];
	return (value) =>
		Array.isArray(value)
			? flatten(value)
					.filter((element) => element !== null && element !== undefined)
					.map(toText)
					.join(spec.separator)
			: value;
}

/** One compiler per transform type. */
const COMPILERS: { [T in TransformType]: (spec: SpecOf<T>) => Transform | string } = {
	none: () => (value) => value,
	valueMap: compileValueMap,
	date: compileDate,
	number: compileNumber,
	currency: compileCurrency,
	truncate: compileTruncate,
	mask: compileMask,
	join: compileJoin,
};

/** The transform function for `spec`, or a sentence saying what is wrong with the settings. */
export function compileTransform(spec: TransformSpec): Transform | string {
	if (!Object.prototype.hasOwnProperty.call(COMPILERS, spec.type))
		return `unknown transform "${(spec as { type: string }).type}"`;
	const compile = COMPILERS[spec.type] as (spec: TransformSpec) => Transform | string;
	return compile(spec);
}
