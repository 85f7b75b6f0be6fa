// The canvas server's HTTP API as the client sees it: the types are inferred from the schemas the
// server validates with (shared/api.ts); only workflows and node descriptions are refined with the
// client's graph types, which describe more than the server checks.
import type * as Api from '../../shared/api';
import type { N8nWorkflow, NodeDescription, NodeProperty } from '../graph/types';

export type {
	CredentialInfo,
	Item,
	NodeIssue,
	NodeReport as NodeRun,
	RecordedReply,
} from '../../shared/api';

export interface NodeTypeInfo {
	type: string;
	description: NodeDescription;
}

export interface CredentialTypeInfo {
	name: string;
	displayName: string;
	properties: NodeProperty[];
	[key: string]: unknown;
}

export type TemplateInfo = Omit<Api.TemplateInfo, 'workflow'> & { workflow: N8nWorkflow };

/** The test values the client edits: every part present (the server also accepts them partial). */
export interface TestValues extends Api.TestValuesBody {
	user: Record<string, unknown>;
	company: Record<string, unknown>;
	conversation: Record<string, unknown>;
	message: Record<string, unknown>;
}

export type TestResult = Api.TestReport;

export type DeployRequest = Omit<Api.DeployRequestBody, 'workflow'> & { workflow: N8nWorkflow };

export type DeployResult = Api.DeployResult;

/** POST /api/actions/:id/draft: the action, now not live, and what happened to the agent. */
export interface BackToDraftResult {
	action: Api.ActionSummary;
	agent: Api.AgentOutcome;
}

/** A deploy's answer after "Set live": the agent of that n8n rebuilt with the action (server/agent/). */
export type DeployResultWithAgent = Api.DeployResult & { agent?: Api.AgentOutcome };

/** POST /api/agent/preview, with the draft as the canvas's workflow. */
export type PreviewChatRequest = Omit<Api.AgentPreviewBody, 'draft'> & {
	draft: { name: string; workflow: N8nWorkflow };
};
