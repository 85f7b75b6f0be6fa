// Markdown as people write it in n8n's sticky notes and template instructions (headings, lists,
// emphasis, code, links, tables), rendered by `marked` and sanitized by DOMPurify, so a note's
// HTML or script can never run in the canvas. Links open in a new tab.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

let hooked = false;
function sanitize(html: string): string {
	if (!hooked) {
		DOMPurify.addHook('afterSanitizeAttributes', (node) => {
			if (node.tagName === 'A' && node.getAttribute('href')) {
				node.setAttribute('target', '_blank');
				node.setAttribute('rel', 'noopener noreferrer');
			}
		});
		hooked = true;
	}
	return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function markdownToHtml(text: string): string {
	return sanitize(marked.parse(text, { async: false, gfm: true, breaks: true }));
}

export function Markdown({
	text,
	className = '',
	testId,
}: {
	text: string;
	className?: string;
	testId?: string;
}) {
	const html = useMemo(() => markdownToHtml(text), [text]);
	return (
		<div
			className={`markdown ${className}`.trim()}
			data-testid={testId}
			dangerouslySetInnerHTML={{ __html: html }}
		/>
	);
}
