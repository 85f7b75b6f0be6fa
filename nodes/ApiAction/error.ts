// How an API Action item fails: as a tool, a refusal the model can act on is its answer; otherwise
// one n8n error (NodeApiError for the API call, NodeOperationError for the rest), scrubbed of the
// request's secrets and naming the action. With Continue On Fail the item carries the error.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { UntrustedAttributeError } from '../shared/provenance';
import { redactSecrets, scrubSecrets } from '../shared/redact';
import { SealedClaimError } from '../shared/sealed-claims';
import type { ActionState, RunState } from './action-item';
import { InputConfigError, InputValueError } from './ai-inputs';
import { MissingAttributeError, PlaceholderValueError } from './placeholders';
import { RequestConfigError } from './request-builder';
import { SecretClaimError } from './secret-claims';
import { ApiCallFailure } from './send-request';
import { ToolCallError } from './tool-mode';

function toNodeError(
	context: IExecuteFunctions,
	caught: unknown,
	record: IDataObject,
	secrets: string[],
	itemIndex: number,
) {
	const where = record.url ? ` (${record.method as string} ${record.url as string})` : '';
	if (caught instanceof ApiCallFailure) {
		const message = scrubSecrets(caught.message, secrets);
		return new NodeApiError(context.getNode(), { message, kind: caught.kind } as JsonObject, {
			message,
			description: `Action "${record.name as string}"${where}, attempt ${caught.attempts}.`,
			httpCode: caught.status ? String(caught.status) : undefined,
			itemIndex,
		});
	}
	if (
		// The node's own NodeOperationErrors are rebuilt too: scrubbed, with the action in the description.
		caught instanceof NodeOperationError ||
		caught instanceof MissingAttributeError ||
		caught instanceof InputConfigError ||
		caught instanceof InputValueError ||
		caught instanceof PlaceholderValueError ||
		caught instanceof RequestConfigError ||
		caught instanceof UntrustedAttributeError ||
		caught instanceof SecretClaimError ||
		caught instanceof SealedClaimError
	) {
		return new NodeOperationError(context.getNode(), scrubSecrets(caught.message, secrets), {
			itemIndex,
			description: `Action "${record.name as string}"${where}.`,
		});
	}
	const message = scrubSecrets((caught as Error)?.message ?? String(caught), secrets);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** The item a failure leaves in the output; throws the node error without Continue On Fail. */
export function failedItem(
	context: IExecuteFunctions,
	itemIndex: number,
	caught: unknown,
	run: RunState,
	action: ActionState,
): INodeExecutionData {
	const { record, secrets } = action;
	record.durationMs = Date.now() - action.started;
	if (run.toolMode && (caught instanceof ToolCallError || caught instanceof InputValueError)) {
		// The model's answer: what is wrong and what to do (ask the customer), not a failed run.
		return {
			json: { error: caught.message, errorType: caught.name },
			pairedItem: { item: itemIndex },
		};
	}
	const error = toNodeError(context, caught, record, secrets, itemIndex);
	if (caught instanceof ApiCallFailure) {
		record.status = caught.status ?? null;
		record.attempts = caught.attempts;
	}
	if (!context.continueOnFail()) throw error;
	return {
		json: {
			...(run.toolMode ? {} : redactSecrets(action.incoming, secrets)),
			action: record,
			error: {
				name: error.name,
				message: error.message,
				description: error.description ?? null,
			},
		},
		// With an error output n8n routes items carrying `error` there; in the regular output n8n
		// would replace the item's JSON with the message, losing the conversation context.
		...(context.getNode().onError === 'continueErrorOutput' ? { error } : {}),
		pairedItem: { item: itemIndex },
	};
}
