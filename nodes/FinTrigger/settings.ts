// Fin Trigger's settings, read once per request into one typed object. Settings no request could
// satisfy are refused before anything of the request is read (and at activation, see
// configurationProblem).
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_BODY_KB } from './http/body-limits';
import { parseClaimMapping, parseSecretClaims } from './identity/jwt-claims';
import type { JwtPolicy } from './identity/messenger-identity';
import {
	DEFAULT_JWT_LEEWAY_SECONDS,
	DEFAULT_JWT_MAX_LIFETIME_SECONDS,
} from './identity/messenger-jwt';
import { parseProtectedAttributes, type ProtectedAttribute } from './identity/protected-attributes';
import { accept, refuse, type Outcome } from './rejection';

export interface TriggerSettings {
	isIntercom: boolean;
	requireVerification: boolean;
	/** A run from the editor ("Listen for test event"): n8n's manual mode. */
	isTestRun: boolean;
	/** One clock reading for the whole request. */
	now: Date;
	protectedList: ProtectedAttribute[];
	jwtPolicy: JwtPolicy;
	maxBodyKb: number;
}

interface TriggerOptions {
	maxBodySize?: number;
	jwtLeewaySeconds?: number;
	jwtMaxAgeSeconds?: number;
	jwtMaxLifetimeSeconds?: number;
	jwtAudience?: string;
	jwtIssuer?: string;
	jwtClaimMapping?: string;
	jwtRedactedClaims?: string;
}

function jwtPolicyOf(options: TriggerOptions, mappings: JwtPolicy['mappings']): JwtPolicy {
	return {
		checks: {
			leewaySeconds: options.jwtLeewaySeconds ?? DEFAULT_JWT_LEEWAY_SECONDS,
			maxAgeSeconds: options.jwtMaxAgeSeconds ?? 0,
			maxLifetimeSeconds: options.jwtMaxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS,
			audience: options.jwtAudience || undefined,
			issuer: options.jwtIssuer || undefined,
		},
		mappings,
		secretClaims: parseSecretClaims(options.jwtRedactedClaims ?? ''),
	};
}

export function readSettings(context: IWebhookFunctions): Outcome<TriggerSettings> {
	const source = context.getNodeParameter('source', 'messenger') as string;
	const requireVerification = context.getNodeParameter(
		'requireIdentityVerification',
		true,
	) as boolean;
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const isTestRun = context.getMode() === 'manual';
	const now = new Date();
	if (!requireVerification && !isTestRun) {
		return refuse(
			403,
			'verification_required',
			'Identity verification can be switched off for test runs only',
		);
	}
	const protectedParsed = parseProtectedAttributes(
		context.getNodeParameter('protectedAttributes', '') as string,
	);
	if (!protectedParsed.ok) return refuse(500, 'configuration', protectedParsed.error);
	const claimMapping = parseClaimMapping(options.jwtClaimMapping ?? '');
	if (claimMapping.error) return refuse(500, 'configuration', claimMapping.error);
	return accept({
		isIntercom: source === 'intercomWebhook',
		requireVerification,
		isTestRun,
		now,
		protectedList: protectedParsed.value,
		jwtPolicy: jwtPolicyOf(options, claimMapping.mappings),
		maxBodyKb: options.maxBodySize ?? DEFAULT_MAX_BODY_KB,
	});
}

/** A Protected Attributes or JWT claim mapping entry the node cannot honour, or undefined. */
export function configurationProblem(context: IHookFunctions): string | undefined {
	const parsed = parseProtectedAttributes(
		context.getNodeParameter('protectedAttributes', '') as string,
	);
	if (!parsed.ok) return parsed.error;
	const options = context.getNodeParameter('options', {}) as { jwtClaimMapping?: string };
	return parseClaimMapping(options.jwtClaimMapping ?? '').error;
}
