// Where a token goes in a request: shared by the fixed and the dynamic token credentials. The fixed
// token also covers what n8n's generic credential types gave (Basic, custom headers and query), so
// the API Action needs no credential type of another package (n8n's community-package scanner).
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { parseJson } from '../nodes/shared/parse-json';

const PLACEMENTS: INodePropertyOptions[] = [
	{ name: 'Authorization: Bearer', value: 'bearer' },
	{ name: 'Named Header', value: 'header' },
	{ name: 'Query Parameter', value: 'query' },
];

/** Only for a fixed token: the token is the password, or fills {{token}} in custom JSON. */
const FIXED_ONLY_PLACEMENTS: INodePropertyOptions[] = [
	{
		name: 'Basic Auth (User and Password)',
		value: 'basic',
		description: 'Authorization: Basic, with the user below and the token as the password',
	},
	{
		name: 'Custom Headers and Query (JSON)',
		value: 'custom',
		description:
			'Several headers or query parameters; {{token}} in a value is replaced by the token',
	},
];

function placementProperties(options: INodePropertyOptions[]): INodeProperties[] {
	return [
		{
			displayName: 'Send Token As',
			name: 'placement',
			type: 'options',
			default: 'bearer',
			options,
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			displayOptions: { show: { placement: ['header'] } },
		},
		{
			displayName: 'Value Prefix',
			name: 'prefix',
			type: 'string',
			default: '',
			placeholder: 'Token ',
			description: 'Written before the token in the header, e.g. "Token " or "OAuth "',
			displayOptions: { show: { placement: ['header'] } },
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryName',
			type: 'string',
			default: 'api_key',
			displayOptions: { show: { placement: ['query'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'The Basic Auth user name; the token above is its password',
			displayOptions: { show: { placement: ['basic'] } },
		},
		{
			displayName: 'Custom Headers and Query',
			name: 'custom',
			type: 'json',
			default: '{"headers": {"X-API-Key": "{{token}}"}, "qs": {}}',
			description:
				'A JSON object with "headers" and/or "qs" (query parameters); {{token}} in a value is replaced by the token',
			displayOptions: { show: { placement: ['custom'] } },
		},
		{
			displayName: 'Allowed Domain',
			name: 'allowedDomain',
			type: 'string',
			default: '',
			placeholder: 'api.example.com',
			description:
				'If set, the token is only ever sent to this host (comma-separate several); n8n refuses any other',
		},
	];
}

/** Dynamic token: bearer, named header or query parameter. */
export const tokenPlacementProperties: INodeProperties[] = placementProperties(PLACEMENTS).filter(
	(property) => !['user', 'custom'].includes(property.name),
);

/** Fixed token: also Basic and custom headers/query (what n8n's generic credential types gave). */
export const fixedTokenPlacementProperties: INodeProperties[] = placementProperties([
	...PLACEMENTS,
	...FIXED_ONLY_PLACEMENTS,
]);

/** The custom JSON's headers and qs, each value's {{token}} filled in; a clear error when malformed. */
function customPlacement(
	raw: unknown,
	token: string,
): { headers: Record<string, string>; qs: Record<string, string> } {
	const parsed = typeof raw === 'string' ? parseJson(raw) : { ok: true as const, value: raw };
	if (!parsed.ok)
		throw new Error(
			'Fin Fixed Token: "Custom Headers and Query" is not valid JSON. Write an object such as {"headers": {"X-API-Key": "{{token}}"}}.',
		);
	const object = (parsed.value ?? {}) as Record<string, unknown>;
	const part = (name: 'headers' | 'qs') => {
		const values = object[name] ?? {};
		if (typeof values !== 'object' || Array.isArray(values))
			throw new Error(
				`Fin Fixed Token: "${name}" in "Custom Headers and Query" must be an object of names and values.`,
			);
		return Object.fromEntries(
			Object.entries(values as Record<string, unknown>).map(([key, value]) => [
				key,
				String(value).replaceAll('{{token}}', token),
			]),
		);
	};
	return { headers: part('headers'), qs: part('qs') };
}

export function placeToken(
	credentials: ICredentialDataDecryptedObject,
	token: string,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const placed: IHttpRequestOptions = {
		...options,
		headers: { ...options.headers },
		qs: { ...options.qs },
	};
	const placement = (credentials.placement as string) || 'bearer';
	if (placement === 'query') placed.qs![(credentials.queryName as string) || 'api_key'] = token;
	else if (placement === 'header')
		placed.headers![(credentials.headerName as string) || 'X-API-Key'] =
			`${(credentials.prefix as string) ?? ''}${token}`;
	else if (placement === 'basic')
		placed.auth = { username: (credentials.user as string) ?? '', password: token };
	else if (placement === 'custom') {
		const custom = customPlacement(credentials.custom, token);
		Object.assign(placed.headers!, custom.headers);
		Object.assign(placed.qs!, custom.qs);
	} else placed.headers!.Authorization = `Bearer ${token}`;
	const allowed = ((credentials.allowedDomain as string) ?? '').trim();
	// n8n's HTTP layer itself refuses to send the request anywhere else.
	if (allowed) placed.allowedDomains = allowed;
	return placed;
}
