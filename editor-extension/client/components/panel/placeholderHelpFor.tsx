// API Action text fields take {{attribute}} placeholders: offer the test values' attributes and
// the node's declared AI inputs; under the URL (or a template's fields) the URL it would call.
import {
	attributePaths,
	declaredInputPaths,
	previewUrl,
	templateFieldPreviews,
} from '../../graph/placeholderHelp';
import type { N8nNode } from '../../graph/types';
import type { PlaceholderHelp } from '../inputs/PlaceholderInput';
import { UrlPreview } from './UrlPreview';

export function placeholderHelpFor(
	n8nNode: N8nNode,
	testValues: Record<string, unknown>,
): PlaceholderHelp | undefined {
	return /\.apiAction$/.test(n8nNode.type)
		? {
				attributes: [
					...attributePaths(testValues),
					...declaredInputPaths(n8nNode.parameters as Record<string, unknown>),
				],
				previews: {
					'param-url': (text: string) => <UrlPreview preview={previewUrl(text, testValues)} />,
					...Object.fromEntries(
						Object.entries(
							templateFieldPreviews(n8nNode.parameters as Record<string, unknown>, testValues),
						).map(([name, preview]) => [
							`param-${name}`,
							(text: string) => <UrlPreview preview={preview(text)} />,
						]),
					),
				},
			}
		: undefined;
}
