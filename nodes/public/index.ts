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
// Fin Trigger's webhook steps, for the bench's step-by-step profile (bench/webhook-steps.ts).
export { checkContentType } from '../FinTrigger/http/content-type';
export { readJsonBody } from '../FinTrigger/http/json-body';
export { computeIntercomSignature } from '../FinTrigger/identity/intercom-signature';
export { parseClaimMapping, parseSecretClaims } from '../FinTrigger/identity/jwt-claims';
export { verifyMessengerIdentity } from '../FinTrigger/identity/messenger-identity';
export { DEFAULT_JWT_CHECKS } from '../FinTrigger/identity/messenger-jwt';
export {
	checkProtectedAttributes,
	parseProtectedAttributes,
} from '../FinTrigger/identity/protected-attributes';
export { SECRETS_LIFETIME_SECONDS } from '../FinTrigger/identity/secrets';
export { parseMessengerBody } from '../FinTrigger/sources/messenger-body';
