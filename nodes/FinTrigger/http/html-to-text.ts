// Intercom sends conversation parts as HTML; the workflow wants the words the customer typed.
// Block ends become line breaks, tags are dropped, entities decoded. Every pattern is linear.

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

function decodeEntities(text: string): string {
	return text.replace(
		/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g,
		(entity, body: string) => {
			if (body.startsWith('#')) {
				const code =
					body[1] === 'x' || body[1] === 'X'
						? parseInt(body.slice(2), 16)
						: parseInt(body.slice(1), 10);
				return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
					? String.fromCodePoint(code)
					: '';
			}
			return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, body.toLowerCase())
				? NAMED_ENTITIES[body.toLowerCase()]
				: entity;
		},
	);
}

/** Drops <script> and <style> blocks with their content; an unclosed one runs to the end. */
function dropHiddenBlocks(html: string): string {
	let out = '';
	let position = 0;
	const opening = /<(script|style)\b/gi;
	let match: RegExpExecArray | null;
	while ((match = opening.exec(html)) !== null) {
		out += html.slice(position, match.index);
		const closing = match[1].toLowerCase() === 'script' ? /<\/script\s*>/gi : /<\/style\s*>/gi;
		closing.lastIndex = opening.lastIndex;
		const end = closing.exec(html);
		if (!end) return out;
		position = end.index + end[0].length;
		opening.lastIndex = position;
	}
	return out + html.slice(position);
}

export function htmlToText(html: string): string {
	const withBreaks = dropHiddenBlocks(html)
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|blockquote|pre|tr)\s*>/gi, '\n')
		.replace(/<li\b[^<>]*>/gi, '- ')
		.replace(/<\/?[a-zA-Z!][^<>]*>/g, '');
	return decodeEntities(withBreaks)
		.split('\n')
		.map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
