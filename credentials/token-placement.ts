// Where a token goes in a request: shared by the fixed and the dynamic token credentials.
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export const tokenPlacementProperties: INodeProperties[] = [
	{
		displayName: 'Send Token As',
		name: 'placement',
		type: 'options',
		default: 'bearer',
		options: [
			{ name: 'Authorization: Bearer', value: 'bearer' },
			{ name: 'Named Header', value: 'header' },
			{ name: 'Query Parameter', value: 'query' },
		],
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
		displayName: 'Allowed Domain',
		name: 'allowedDomain',
		type: 'string',
		default: '',
		placeholder: 'api.example.com',
		description:
			'If set, the token is only ever sent to this host (comma-separate several); n8n refuses any other',
	},
];

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
	else placed.headers!.Authorization = `Bearer ${token}`;
	const allowed = ((credentials.allowedDomain as string) ?? '').trim();
	// n8n's HTTP layer itself refuses to send the request anywhere else.
	if (allowed) placed.allowedDomains = allowed;
	return placed;
}
