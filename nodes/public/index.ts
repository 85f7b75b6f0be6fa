// The one entry for what the nodes share with the canvas server, the bench and the canvas tests.
// The canvas page imports ./browser instead (this file reaches node:crypto).
export * from './browser';
export {
	looksSecretName,
	recordableBody,
	redactHeaders,
	redactSecrets,
	secretVariants,
	WITHHELD_BODY,
} from '../shared/redact';
export {
	answerShapeOf,
	compileAnswer,
	compileFields,
	fieldSpecs,
	pickFields,
	type FieldParameter,
	type FieldSpec,
} from '../shared/response-fields';
export { parseJson } from '../shared/parse-json';
export type { ConversationItem } from '../shared/conversation-item';
export { buildTestItem, type TestValues } from '../FinTrigger/test-values';
export { decideAudience, type AudienceConfig } from '../AudienceFilter/audience';
export { rolloutBucket } from '../AudienceFilter/rollout';
// The node classes themselves, for tests that run a node's own code (the canvas's picking test).
export { ApiAction } from '../ApiAction/ApiAction.node';
export { ResponseFieldPicker } from '../ResponseFieldPicker/ResponseFieldPicker.node';
