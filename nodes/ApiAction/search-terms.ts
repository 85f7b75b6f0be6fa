// A value placed inside a search language (Zendesk's search, Jira's JQL) is read by that language
// after the URL is decoded, so URL encoding alone cannot keep it one value: a signed email holding a
// space and `requester:someone-else` would add a search term. Rule: such a value must be one plain,
// non-empty term, or no request is sent.

/** Anything but letters and digits of any script and the punctuation of emails and account ids (`557058:f581-…`). */
const NOT_PLAIN = /[^\p{L}\p{N}@._+:-]/u;

/** Why `text` cannot stand as one term of a search language, or undefined when it can. */
export function searchTermProblem(text: string): string | undefined {
	if (text === '') return 'it is empty, and an empty term could match everyone';
	const bad = NOT_PLAIN.exec(text)?.[0];
	if (bad === undefined) return undefined;
	const point = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	return `it may hold only letters, digits and @ . _ + - : but holds ${JSON.stringify(bad)} (${point})`;
}
