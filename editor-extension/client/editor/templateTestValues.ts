// A template's own test values, laid over the canvas's current ones when an action starts from it:
// the signed attributes its audience and request need (e.g. user.stripe_customer_id) and a fitting
// question, from a template file's testValues or its Fin Trigger's Test Values.
import type { TemplateInfo, TestValues } from '../api/types';

const isRecord = (value: unknown): value is Record<string, unknown> =>
	Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function parseAttributes(value: unknown): Record<string, unknown> {
	if (isRecord(value)) return value;
	if (typeof value !== 'string') return {};
	try {
		const parsed: unknown = JSON.parse(value);
		return isRecord(parsed) ? parsed : {};
	} catch {
		return {};
	}
}

export function templateTestValues(
	template: TemplateInfo,
	current: TestValues,
): TestValues | undefined {
	if (template.testValues) return { ...current, ...(template.testValues as Partial<TestValues>) };
	const trigger = template.workflow.nodes.find((node) => node.type.endsWith('.finTrigger'));
	const own = (trigger as { parameters?: { testValues?: Record<string, unknown> } } | undefined)
		?.parameters?.testValues;
	if (!isRecord(own)) return undefined;
	const attributes = parseAttributes(own.attributes);
	// The customer's identifiers stay; attributes another template added (an electricity example's
	// name or meter type) do not follow into this one.
	const { user_id, email } = (current.user ?? {}) as Record<string, unknown>;
	const identifiers = Object.fromEntries(
		Object.entries({ user_id, email }).filter(([, value]) => value !== undefined),
	);
	return {
		...current,
		user: { ...identifiers, ...attributes },
		...(typeof own.messageText === 'string' ? { message: { text: own.messageText } } : {}),
	};
}
