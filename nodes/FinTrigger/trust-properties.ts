// Fin Trigger's JWT options (issue 11): what a Messenger JWT must carry and what its claims become.
import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_JWT_LEEWAY_SECONDS,
	DEFAULT_JWT_MAX_LIFETIME_SECONDS,
} from './identity/messenger-jwt';

export const trustOptions: INodeProperties[] = [
	{
		displayName: 'JWT Audience (Aud)',
		name: 'jwtAudience',
		type: 'string',
		default: '',
		placeholder: 'fin-actions',
		description: 'When set, a Messenger JWT must carry this value in its aud claim',
	},
	{
		displayName: 'JWT Claims to Attributes',
		name: 'jwtClaimMapping',
		type: 'string',
		default: '',
		placeholder: 'plan, account_tier=account.tier',
		description:
			'JWT claims that become signed user attributes: "plan" gives user.plan, "account_tier=account.tier" gives user.account.tier. user_id (or sub) and email always become user.user_id and user.email. Every claim stays readable as identity.claims.&lt;name&gt;.',
	},
	{
		displayName: 'JWT Clock Leeway (Seconds)',
		name: 'jwtLeewaySeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 60 },
		default: DEFAULT_JWT_LEEWAY_SECONDS,
		description:
			'Clock drift allowed between your backend and n8n when checking exp, nbf and iat (0-60 seconds)',
	},
	{
		displayName: 'JWT Issuer (Iss)',
		name: 'jwtIssuer',
		type: 'string',
		default: '',
		placeholder: 'https://backend.example.com',
		description: 'When set, a Messenger JWT must carry exactly this iss claim',
	},
	{
		displayName: 'JWT Maximum Age (Seconds)',
		name: 'jwtMaxAgeSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'0: every JWT must have an exp claim. Above 0: a JWT needs an iat claim and is refused when older than this (exp, when present, still applies).',
	},
	{
		displayName: 'JWT Maximum Lifetime (Seconds)',
		name: 'jwtMaxLifetimeSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_JWT_MAX_LIFETIME_SECONDS,
		description:
			'How far ahead exp may lie: a JWT that stays valid longer than this from now is refused (default 86400 = 24 h). Raise it only if your backend signs longer-lived tokens.',
	},
	{
		displayName: 'JWT Secret Claims',
		// Names of secret claims, not a secret: not a password field (it would hide the names typed).
		name: 'jwtRedactedClaims',
		type: 'string',
		default: '',
		placeholder: 'api_token',
		description:
			'Claims that are secrets (e.g. a per-customer API token): sealed in the item (encrypted with a key derived from the Fin Messenger credential), so n8n\'s execution data and later nodes never hold them in clear. An API Action with "Send Secret Claims" and the same credential opens one only to build its request. Their names appear in identity.redactedClaims.',
	},
];
