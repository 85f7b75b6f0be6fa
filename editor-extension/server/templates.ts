// Ready-made graphs (templates/workflows/*.json, n8n workflow exports) and API Action templates
// (templates/actions/*.json), read from disk on every request so edits show up on reload.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { isObject, sendJson, type JsonObject } from './http';
import { ACTION_TEMPLATES_DIR, WORKFLOW_TEMPLATES_DIR } from './paths';
import type { Router } from './router';

interface JsonFile {
	id: string;
	content: unknown;
}

/** Parsed JSON files of a folder, sorted by name; a broken file is reported on the console and skipped, not fatal. */
function readJsonFiles(dir: string): JsonFile[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.flatMap((file) => {
			try {
				return [
					{
						id: basename(file, '.json'),
						content: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown,
					},
				];
			} catch (error) {
				console.warn(
					`Skipping ${join(dir, file)}: ${(error as Error).message}. Fix the JSON to list it.`,
				);
				return [];
			}
		});
}

/** n8n exports have no required description: use the workflow's own, then its first sticky note. */
function describe(workflow: JsonObject): string {
	if (typeof workflow.description === 'string') return workflow.description;
	const meta = workflow.meta;
	if (isObject(meta) && typeof meta.description === 'string') return meta.description;
	const nodes = Array.isArray(workflow.nodes) ? workflow.nodes : [];
	const note = nodes.find((node) => isObject(node) && String(node.type).endsWith('.stickyNote'));
	const content = isObject(note) && isObject(note.parameters) ? note.parameters.content : undefined;
	return typeof content === 'string'
		? content
				.replace(/^#+\s*/gm, '')
				.trim()
				.slice(0, 280)
		: '';
}

const usesLangChain = (workflow: JsonObject) =>
	(workflow.nodes as unknown[]).some(
		(node) => isObject(node) && String(node.type).startsWith('@n8n/n8n-nodes-langchain.'),
	);

/**
 * Every workflow template. The canvas runs this package's nodes; one with n8n's LangChain nodes (the
 * AI Agent template) is listed too, as `n8nOnly`: the home offers it as a file to import into n8n.
 */
export function workflowTemplates() {
	return readJsonFiles(WORKFLOW_TEMPLATES_DIR)
		.filter(
			(file): file is { id: string; content: JsonObject } =>
				isObject(file.content) && Array.isArray(file.content.nodes),
		)
		.map(({ id, content }) => ({
			id,
			name: typeof content.name === 'string' ? content.name : id,
			description: describe(content),
			...(usesLangChain(content) ? { n8nOnly: true } : {}),
			workflow: content,
		}));
}

/** Action templates as written; an object without an id gets its file name as id. */
export function actionTemplates() {
	return readJsonFiles(ACTION_TEMPLATES_DIR).map(({ id, content }) =>
		isObject(content) ? { id, ...content } : { id, template: content },
	);
}

export function addTemplateRoutes(router: Router) {
	router.add('GET', '/api/templates', ({ res }) => sendJson(res, 200, workflowTemplates()));
	router.add('GET', '/api/action-templates', ({ res }) => sendJson(res, 200, actionTemplates()));
}
