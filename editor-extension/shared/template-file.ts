// The template file format (docs/template-files.md): one action a person can hand to another.
// It holds the action's graph, its sticky-note instructions, test values, picked fields and the
// credential types it needs; never a credential, a secret or an address of the author's systems
// (export replaces those, import refuses a credential or a secret). An n8n workflow file that uses
// this package's nodes (n8n's template gallery, another n8n) is read into the same shape.
import { z } from 'zod';

import { testValuesSchema } from './api';

export const TEMPLATE_FORMAT = 'fin-actions-template';
export const TEMPLATE_VERSION = 1;
export const PACKAGE_PREFIX = 'n8n-nodes-fin-actions.';
const STICKY = 'n8n-nodes-base.stickyNote';

const jsonObject = z.record(z.unknown());

const node = z
	.object({
		name: z.string().min(1, 'a node needs a name'),
		type: z.string().min(1, 'a node needs a type'),
		typeVersion: z.number(),
		position: z.tuple([z.number(), z.number()]).optional(),
		parameters: jsonObject,
		credentials: z
			.unknown()
			.refine((value) => value === undefined, {
				message:
					'a template names credential types only (see "credentials"), never a stored credential: remove it',
			})
			.optional(),
	})
	.passthrough();

export const templateFileSchema = z
	.object({
		format: z.literal(TEMPLATE_FORMAT, {
			errorMap: () => ({ message: `must be "${TEMPLATE_FORMAT}"` }),
		}),
		version: z.literal(TEMPLATE_VERSION, {
			errorMap: () => ({
				message: `must be ${TEMPLATE_VERSION}: this canvas reads version ${TEMPLATE_VERSION} template files`,
			}),
		}),
		name: z.string().min(1, 'give the template a name').max(120),
		/** One sentence saying what the action does (the card on the home list). */
		description: z.string().max(300).optional(),
		/** The sticky notes, in order: what a user fills in, where, and what to send. */
		instructions: z.array(z.string()).default([]),
		testValues: testValuesSchema.optional(),
		/** The fields the action answers with, per node. */
		pickedFields: z
			.array(z.object({ node: z.string(), pointer: z.string(), name: z.string().optional() }))
			.default([]),
		/** The credential types the action needs, per node; the user creates their own. */
		credentials: z.array(z.object({ node: z.string(), type: z.string().min(1) })).default([]),
		workflow: z.object({
			nodes: z.array(node).min(1, 'the graph has no nodes'),
			connections: jsonObject,
		}),
	})
	.strict();

export type TemplateFile = z.infer<typeof templateFileSchema>;
type Node = TemplateFile['workflow']['nodes'][number];

/** What a user must bring before the template works: credentials to create, addresses to set. */
export interface TemplateNeeds {
	credentials: Array<{ node: string; type: string }>;
	addresses: Array<{ node: string; parameter: string; value: string }>;
	instructions: string[];
}

export type ReadResult =
	| { ok: true; file: TemplateFile; needs: TemplateNeeds; from: 'template' | 'n8n' }
	| { ok: false; errors: string[] };

const URL_VALUE = /^https?:\/\/[^\s/?#]+/i;
const SECRET_KEY = /(secret|password|passwd|token|api[-_]?key|authorization)$/i;

/** Hosts of public vendor APIs a template may name; any other host is the author's system. */
const PUBLIC_HOSTS = /^(api\.stripe\.com|api\.github\.com|api\.hubspot\.com|api\.hubapi\.com)$/i;
const PLACEHOLDER_ORIGIN = 'https://api.example.com';

function path(parts: Array<string | number>): string {
	return parts.reduce<string>(
		(text, part) =>
			typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part,
		'',
	);
}

/** Values that look like secrets: a string under a key named like one. */
function secretsIn(value: unknown, at: Array<string | number>, found: string[]): void {
	if (Array.isArray(value))
		value.forEach((entry, index) => secretsIn(entry, [...at, index], found));
	else if (value && typeof value === 'object')
		for (const [key, entry] of Object.entries(value)) {
			if (
				SECRET_KEY.test(key) &&
				typeof entry === 'string' &&
				entry.trim() &&
				!entry.startsWith('=')
			)
				found.push(
					`${path([...at, key])}: looks like a secret; a template never carries one: remove it`,
				);
			else secretsIn(entry, [...at, key], found);
		}
}

const isPackageNode = (node: { type: string }) => node.type.startsWith(PACKAGE_PREFIX);

function needsOf(file: TemplateFile): TemplateNeeds {
	const addresses: TemplateNeeds['addresses'] = [];
	for (const node of file.workflow.nodes)
		for (const [parameter, value] of Object.entries(node.parameters))
			if (typeof value === 'string' && URL_VALUE.test(value))
				addresses.push({ node: node.name, parameter, value });
	return { credentials: file.credentials, addresses, instructions: file.instructions };
}

/** The credential type a node needs: an API Action's "Authentication" (when not none), Fin Trigger's Messenger credential. */
function credentialOf(node: Node): string | undefined {
	if (node.type === `${PACKAGE_PREFIX}finTrigger`) return 'finMessengerApi';
	const value = node.parameters.authentication;
	return typeof value === 'string' && value !== 'none' ? value : undefined;
}

/** Adds the credential types the nodes need that a file does not list yet. */
function addNeededCredentials(file: TemplateFile): void {
	for (const node of file.workflow.nodes) {
		const type = credentialOf(node);
		if (type && !file.credentials.some((entry) => entry.node === node.name))
			file.credentials.push({ node: node.name, type });
	}
}

function pickedOf(nodes: Node[]): TemplateFile['pickedFields'] {
	return nodes.flatMap((node) => {
		const fields = (node.parameters.fields as { field?: unknown } | undefined)?.field;
		return Array.isArray(fields)
			? fields
					.filter(
						(field): field is { pointer: string; name?: string } =>
							typeof field?.pointer === 'string',
					)
					.map((field) => ({
						node: node.name,
						pointer: field.pointer,
						...(typeof field.name === 'string' ? { name: field.name } : {}),
					}))
			: [];
	});
}

/** An n8n workflow export in the template shape: stickies become instructions, credentials their types. */
function fromN8nWorkflow(json: Record<string, unknown>): unknown {
	const nodes = (json.nodes as Array<Record<string, unknown>>).filter(
		(entry) => entry && typeof entry === 'object',
	);
	const instructions = nodes
		.filter((entry) => entry.type === STICKY)
		.map((entry) => String((entry.parameters as { content?: unknown } | undefined)?.content ?? ''));
	const kept = nodes
		.filter((entry) => entry.type !== STICKY)
		.map(({ credentials: _credentials, webhookId: _webhookId, ...rest }) => rest);
	const credentials = nodes.flatMap((entry) =>
		entry.credentials && typeof entry.credentials === 'object'
			? Object.keys(entry.credentials).map((type) => ({ node: String(entry.name), type }))
			: [],
	);
	return {
		format: TEMPLATE_FORMAT,
		version: TEMPLATE_VERSION,
		name: typeof json.name === 'string' && json.name ? json.name : 'Imported n8n workflow',
		...(typeof json.description === 'string' ? { description: json.description } : {}),
		instructions,
		credentials,
		pickedFields: [],
		workflow: { nodes: kept, connections: json.connections ?? {} },
	};
}

/** Reads a template file or an n8n workflow file; errors name the field and what to do. */
export function readTemplateFile(text: string): ReadResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { ok: false, errors: [`The file is not JSON (${(error as Error).message}).`] };
	}
	if (!json || typeof json !== 'object' || Array.isArray(json))
		return { ok: false, errors: ['The file must hold one JSON object.'] };
	const object = json as Record<string, unknown>;
	let from: 'template' | 'n8n' = 'template';
	let candidate: unknown = object;
	if (object.format === undefined && Array.isArray(object.nodes)) {
		from = 'n8n';
		if (!object.nodes.some((entry) => typeof entry?.type === 'string' && isPackageNode(entry)))
			return {
				ok: false,
				errors: [
					`nodes: this n8n workflow uses none of this package's nodes (${PACKAGE_PREFIX}*): import it in n8n instead.`,
				],
			};
		candidate = fromN8nWorkflow(object);
	}
	const parsed = templateFileSchema.safeParse(candidate);
	if (!parsed.success)
		return {
			ok: false,
			errors: parsed.error.issues.map((issue) => `${path(issue.path) || 'file'}: ${issue.message}`),
		};
	const secrets: string[] = [];
	secretsIn(parsed.data.workflow, ['workflow'], secrets);
	secretsIn(parsed.data.testValues, ['testValues'], secrets);
	if (secrets.length) return { ok: false, errors: secrets };
	const file = parsed.data;
	if (from === 'n8n') file.pickedFields = pickedOf(file.workflow.nodes);
	addNeededCredentials(file);
	return { ok: true, file, needs: needsOf(file), from };
}

/** Replaces the origin of an address of the author's own systems with a placeholder. */
function scrubAddress(value: string): string {
	const match = URL_VALUE.exec(value);
	if (!match) return value;
	let host = '';
	try {
		host = new URL(match[0]).hostname;
	} catch {
		return value;
	}
	return PUBLIC_HOSTS.test(host) ? value : `${PLACEHOLDER_ORIGIN}${value.slice(match[0].length)}`;
}

/** An action as a template file: credentials as types, no webhook id, addresses replaced. */
export function toTemplateFile(
	workflow: {
		name?: string;
		nodes: Array<Record<string, unknown>>;
		connections: Record<string, unknown>;
	},
	more: { name: string; description?: string; testValues?: TemplateFile['testValues'] },
): TemplateFile {
	const json = fromN8nWorkflow({ ...workflow, name: more.name }) as TemplateFile;
	json.workflow.nodes = json.workflow.nodes.map((entry) => ({
		...entry,
		parameters: Object.fromEntries(
			Object.entries(entry.parameters).map(([key, value]) => [
				key,
				typeof value === 'string' ? scrubAddress(value) : value,
			]),
		),
	}));
	addNeededCredentials(json);
	json.pickedFields = pickedOf(json.workflow.nodes);
	if (more.description) json.description = more.description;
	if (more.testValues) json.testValues = more.testValues;
	return json;
}

/** The graph a template file opens as on the canvas: its nodes, and its instructions as sticky notes. */
export function templateWorkflow(file: TemplateFile) {
	const notes = file.instructions.map((content, index) => ({
		name: index === 0 ? 'Setup' : `Note ${index + 1}`,
		type: STICKY,
		typeVersion: 1,
		position: [-480 + index * 480, -320] as [number, number],
		parameters: { content, width: 440, height: 420 },
	}));
	return {
		name: file.name,
		nodes: [...notes, ...file.workflow.nodes],
		connections: file.workflow.connections,
	};
}
