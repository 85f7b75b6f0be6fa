// The shapes the canvas works with: n8n's workflow JSON on one side, the React Flow graph on the other.
// Pure types, shared by the browser code and the jest tests (no React import here).

/** One node as n8n exports it. Unknown fields are kept as they are. */
export interface N8nNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	disabled?: boolean;
	notes?: string;
	webhookId?: string;
	[key: string]: unknown;
}

export interface N8nConnection {
	node: string;
	type: string;
	index: number;
	[key: string]: unknown;
}

/** `connections[sourceName][connectionType][outputIndex]` lists the targets of that output. */
export type N8nConnections = Record<string, Record<string, Array<N8nConnection[] | null>>>;

export interface N8nWorkflow {
	name?: string;
	nodes: N8nNode[];
	connections: N8nConnections;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	[key: string]: unknown;
}

/** What the canvas knows about a node on it. `node` is the full n8n node (position excepted). */
export interface FinNodeData {
	node: N8nNode;
	/** Output slots per connection type seen on import (true: the slot was `null`), so empty outputs survive export. */
	outputShape?: Record<string, boolean[]>;
	[key: string]: unknown;
}

/** React Flow node kinds: our package's nodes, sticky notes, and anything else (kept, drawn plainly). */
export type GraphNodeKind = 'fin' | 'sticky';

export interface GraphNode {
	id: string;
	type: GraphNodeKind;
	position: { x: number; y: number };
	data: FinNodeData;
	selected?: boolean;
	width?: number;
	height?: number;
	style?: Record<string, unknown>;
	zIndex?: number;
	[key: string]: unknown;
}

export interface GraphEdgeData {
	connectionType: string;
	/** Fields of the n8n connection entry beyond node/type/index. */
	extra?: Record<string, unknown>;
	/** Position of this entry in its output's list, so the order of targets survives. */
	order?: number;
	[key: string]: unknown;
}

export interface GraphEdge {
	id: string;
	source: string;
	target: string;
	/** `<connectionType>:<outputIndex>`, e.g. `main:1` for the Audience Filter's "Not matched". */
	sourceHandle: string;
	/** `<connectionType>:<inputIndex>`. */
	targetHandle: string;
	data: GraphEdgeData;
	selected?: boolean;
	[key: string]: unknown;
}

/** A connection whose source or target node is not in the workflow: kept so export loses nothing. */
export interface OrphanConnection {
	source: string;
	connectionType: string;
	outputIndex: number;
	entry: N8nConnection;
}

/** Everything of the workflow besides nodes and connections (name, settings, pinData, meta, ...). */
export interface WorkflowMeta {
	fields: Record<string, unknown>;
	orphans: OrphanConnection[];
	/** Source node names with an empty `connections` entry of their own, e.g. `{"A": {}}`. */
	emptySources?: string[];
}

export interface GraphDoc {
	nodes: GraphNode[];
	edges: GraphEdge[];
	meta: WorkflowMeta;
}

/** The parts of an n8n node type description the canvas reads. */
export interface NodeDescription {
	name: string;
	displayName: string;
	description?: string;
	group?: string[];
	version: number | number[];
	defaults?: { name?: string; color?: string };
	inputs?: unknown;
	outputs?: unknown;
	outputNames?: string[];
	inputNames?: string[];
	properties: NodeProperty[];
	credentials?: NodeCredentialDescription[];
	iconUrl?: string;
	subtitle?: string;
	[key: string]: unknown;
}

export interface DisplayOptions {
	show?: Record<string, unknown[] | undefined>;
	hide?: Record<string, unknown[] | undefined>;
	[key: string]: unknown;
}

export interface NodeCredentialDescription {
	name: string;
	required?: boolean;
	displayName?: string;
	displayOptions?: DisplayOptions;
	[key: string]: unknown;
}

export interface PropertyOption {
	name: string;
	value: string | number | boolean;
	description?: string;
	action?: string;
}

/** A fixedCollection option: a named group of child properties. */
export interface PropertyCollectionOption {
	name: string;
	displayName: string;
	values: NodeProperty[];
}

export interface NodeProperty {
	displayName: string;
	name: string;
	type: string;
	default: unknown;
	description?: string;
	hint?: string;
	placeholder?: string;
	required?: boolean;
	displayOptions?: DisplayOptions;
	typeOptions?: Record<string, unknown>;
	options?: Array<PropertyOption | NodeProperty | PropertyCollectionOption>;
	noDataExpression?: boolean;
	[key: string]: unknown;
}

/** `type` of a node in workflow JSON: `n8n-nodes-fin-actions.<name>` (one constant for client and server). */
export { PACKAGE_PREFIX } from '../../shared/template-file';
export const STICKY_TYPE = 'n8n-nodes-base.stickyNote';
