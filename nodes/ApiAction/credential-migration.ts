// Workflows saved with an earlier version may use "Generic Credential Type" (n8n's httpBasicAuth...): the
// API Action no longer offers them (n8n's community-package scanner forbids naming another package's
// credential type). Such a node fails with what to choose instead, never with a vague error.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** n8n's generic credential type -> the Fin Fixed Token's "Send Token As" that does the same. */
const FIXED_TOKEN_PLACEMENT: Record<string, string> = {
	httpBasicAuth: 'Basic Auth (User and Password)',
	httpBearerAuth: 'Authorization: Bearer',
	httpHeaderAuth: 'Named Header',
	httpQueryAuth: 'Query Parameter',
	httpCustomAuth: 'Custom Headers and Query (JSON)',
};

export function genericCredentialMigration(
	context: IExecuteFunctions,
	itemIndex: number,
): NodeOperationError {
	// No longer a declared parameter, so n8n's getNodeParameter drops it: read what was saved.
	const node = context.getNode();
	const saved = node.parameters.genericAuthType;
	const generic =
		typeof saved === 'string' && saved
			? saved
			: (Object.keys(node.credentials ?? {}).find((type) => type in FIXED_TOKEN_PLACEMENT) ?? '');
	const placement = FIXED_TOKEN_PLACEMENT[generic];
	const what = generic ? `n8n's "${generic}" credential` : 'an n8n generic credential';
	const instead = placement
		? `set Authentication to "Fin Fixed Token" and, in a new Fin Fixed Token credential, choose Send Token As "${placement}"`
		: 'set Authentication to "Fin Fixed Token" (Bearer, named header, query parameter, Basic Auth or custom headers and query) or "Fin Dynamic Token"';
	return new NodeOperationError(
		node,
		`This API Action uses "Generic Credential Type" (${what}), which the API Action no longer offers: open the node, ${instead}, with the same secret, and save the workflow.`,
		{
			itemIndex,
			description:
				"The API Action now uses only this package's own credentials (a rule of n8n's verified community nodes); the Fin Fixed Token covers what the generic types did.",
		},
	);
}
