// The engine as tests and the bench use it: the runtime (./index) plus the harness around it —
// scripted loopback servers, a webhook host, one-node workflows after a Fin Trigger, a credential store.
export * from './index';
export {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
	type Script,
	type ScriptedResponse,
} from './loopback-server';
export { startWebhookHost, type WebhookHost, type WebhookHostOptions } from './webhook-host';
export { afterFinTrigger, singleNodeWorkflow } from './single-node-workflow';
export {
	StoreCredentialsHelper,
	type CredentialStore,
	type PreAuthenticationCall,
} from './credentials-helper';
