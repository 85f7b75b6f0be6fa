// n8n's editor offers ✨ ("let the model define this parameter") on a tool node's field unless the
// parameter has `noDataExpression` (n8n 2.40.7 editor, canBeContentOverride: AI Tools codex, not an
// options or credentialsSelect field, not noDataExpression). The API Action takes `$fromAI` only in
// an AI Input's "Model Argument" (ai-inputs.ts): every other field refuses it at run time, so the
// editor must not offer it there. Expressions in those fields can then no longer be typed in the
// editor: the request fields refuse them anyway (request-policy.ts), the others take placeholders.
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** The one field where ✨ works: it writes the `$fromAI` declaration of an AI Input. */
const FROM_AI_FIELDS = ['argument'];

const WITHOUT_VALUE = ['notice', 'hidden', 'options', 'multiOptions', 'credentialsSelect'];

function isCollection(option: unknown): option is INodePropertyCollection {
	return typeof option === 'object' && option !== null && 'values' in option;
}

export function withoutFromAiButton(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property): INodeProperties => {
		if (property.type === 'fixedCollection')
			return {
				...property,
				options: (property.options ?? []).map((option) =>
					isCollection(option) ? { ...option, values: withoutFromAiButton(option.values) } : option,
				),
			};
		if (property.type === 'collection')
			return {
				...property,
				options: withoutFromAiButton((property.options ?? []) as INodeProperties[]),
			};
		if (FROM_AI_FIELDS.includes(property.name) || WITHOUT_VALUE.includes(property.type))
			return property;
		return { ...property, noDataExpression: true };
	});
}
