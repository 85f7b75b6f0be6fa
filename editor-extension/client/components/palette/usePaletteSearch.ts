// The palette's search: the nodes and templates whose names or descriptions hold every word typed.
import { useMemo } from 'react';

import type { NodeTypeInfo, TemplateInfo } from '../../api/types';

function matches(query: string, ...texts: Array<string | undefined>): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	const haystack = texts.filter(Boolean).join(' ').toLowerCase();
	return words.every((word) => haystack.includes(word));
}

/**
 * Nodes that belong to the agent the canvas builds itself (docs/fin-agent.md), not to an action:
 * Fin Agent Reply needs n8n's AI Agent before it, which an action never has.
 */
const AGENT_ONLY = new Set(['finAgentReply']);

export function usePaletteSearch(nodes: NodeTypeInfo[], templates: TemplateInfo[], query: string) {
	const shownNodes = useMemo(
		() =>
			nodes.filter(
				(node) =>
					!AGENT_ONLY.has(node.description.name) &&
					matches(
						query,
						node.description.displayName,
						node.description.description,
						node.description.name,
					),
			),
		[nodes, query],
	);
	const shownTemplates = useMemo(
		() => templates.filter((template) => matches(query, template.name, template.description)),
		[templates, query],
	);
	return { shownNodes, shownTemplates };
}
