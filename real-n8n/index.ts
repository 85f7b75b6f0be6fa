// The real-n8n driver: install n8n 2.40.7, pack and install this package into a user folder, start
// n8n, drive it over its REST and public APIs, serve the APIs the templates call and a scripted
// model, sign chat messages. Used by the end-to-end and hostile suites (test/) and the bench.
export * from './apis';
export * from './chat';
export * from './fixtures';
export {
	scenarioOf,
	startModelServer,
	toolResults,
	type ChatMessage as ModelMessage,
	type ModelServer,
	type Script as ModelScript,
	type ToolCall,
	type Turn,
} from './model-server';
export * from './n8n-api';
export * from './package';
export * from './runtime';
// chat.ts's userHash takes (secret, identifier) as the bench and e2e call it; signing's is signUserHash.
export {
	CLIENT_SECRET,
	IDENTITY_SECRET,
	hubSignature,
	nowSeconds,
	signJwt,
	userHash as signUserHash,
} from './signing';
export * from './templates';
