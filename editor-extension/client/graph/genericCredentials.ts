// n8n's generic credential types (n8n-nodes-base), which a `credentialsSelect` parameter with
// `credentialTypes: ['has:genericAuth']` offers, as n8n's HTTP Request node does. The canvas server
// has only this package's credential classes, so these are chosen here and entered in n8n.
export const N8N_GENERIC_CREDENTIAL_TYPES: Array<{ name: string; displayName: string }> = [
	{ name: 'httpBasicAuth', displayName: 'Basic Auth' },
	{ name: 'httpBearerAuth', displayName: 'Bearer Auth' },
	{ name: 'httpDigestAuth', displayName: 'Digest Auth' },
	{ name: 'httpHeaderAuth', displayName: 'Header Auth' },
	{ name: 'httpQueryAuth', displayName: 'Query Auth' },
	{ name: 'httpCustomAuth', displayName: 'Custom Auth' },
	{ name: 'oAuth1Api', displayName: 'OAuth1 API' },
	{ name: 'oAuth2Api', displayName: 'OAuth2 API' },
];

/** Credential types a `credentialsSelect` parameter offers, from its `credentialTypes` filter. */
export function credentialChoices(
	filter: unknown,
	packageTypes: Array<{ name: string; displayName: string }>,
): Array<{ name: string; displayName: string }> {
	const filters = Array.isArray(filter) ? (filter as string[]) : [];
	if (filters.includes('has:genericAuth')) return N8N_GENERIC_CREDENTIAL_TYPES;
	return packageTypes;
}
