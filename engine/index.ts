// The engine as the canvas server runs it: a workflow through n8n-core's WorkflowExecute, the
// package's node and credential types, and which n8n base nodes it can run.
export {
	RESPONSE_CAPTURE_BYTES,
	runWorkflow,
	type RecordedRequest,
	type RecordedResponse,
	type RunOptions,
	type RunResult,
	type WorkflowJson,
} from './run-workflow';
export { loadPackageCredentials, loadPackageNodes, PACKAGE_NAME } from './package-types';
export { BASE_NODE_FILES, BASE_PACKAGE, isRunnableBaseType } from './base-node-types';
