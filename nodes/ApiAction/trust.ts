// Applies the trust rules (nodes/shared/provenance) to one API Action request: which attributes
// its placeholders read, and the admin's policy for this item. The AI-tool path calls the same
// `checkRequestTrust` with the same item, so the model's arguments never choose whose data is read.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkAttributeTrust, parseAttributeList, type TrustPolicy } from '../shared/provenance';
import { ACTION_TEMPLATES } from './action-templates';
import { renderText } from './placeholders';
import type { RequestTemplate } from './request-builder';

/** Attribute paths the request's placeholders name, in the URL, query, headers and body. */
export function requestAttributePaths(request: RequestTemplate): string[] {
	const texts = [
		request.url,
		...request.query.flatMap(({ name, value }) => [name, value ?? '']),
		...request.headers.map(({ value }) => value ?? ''),
		request.body ?? '',
	];
	return texts.flatMap(placeholderPathsIn);
}

/** Attribute paths the placeholders of one text name. */
export function placeholderPathsIn(text: string): string[] {
	const paths: string[] = [];
	// A typed JSON-body placeholder ({{object:user.address}}, request-builder.ts) reads its path too.
	const untyped = text.replace(/\{\{\s*(?:object|list):\s*/g, '{{');
	renderText(untyped, 'request', (placeholder) => {
		paths.push(placeholder.path);
		return '';
	});
	return paths;
}

/** The item's trust policy from the node's parameters (a template decides Customer-Specific itself). */
export function trustPolicyOf(context: IExecuteFunctions, itemIndex: number): TrustPolicy {
	const templateId = context.getNodeParameter('template', itemIndex, 'custom') as string;
	const template = ACTION_TEMPLATES.find((candidate) => candidate.id === templateId);
	const customerSpecific = template
		? template.customerSpecific !== false
		: (context.getNodeParameter('customerSpecific', itemIndex, true) as boolean);
	return {
		customerSpecific,
		unverifiedAllowed: parseAttributeList(
			context.getNodeParameter('unverifiedAttributes', itemIndex, ''),
		),
		manualRun: context.getMode() === 'manual',
	};
}

/** Throws UntrustedAttributeError (see provenance) when the request may not be sent for this item. */
export function checkRequestTrust(
	item: IDataObject,
	request: RequestTemplate,
	policy: TrustPolicy,
): { signed: string[]; unverified: string[] } {
	return checkAttributeTrust(item, requestAttributePaths(request), policy);
}
