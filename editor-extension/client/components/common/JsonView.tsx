// Read-only JSON, formatted, with a copy button.
import { useState } from 'react';

export function JsonView({
	value,
	testId,
	maxHeight,
	label = 'JSON',
}: {
	value: unknown;
	testId?: string;
	maxHeight?: number;
	/** The region's accessible name, e.g. "Response body". */
	label?: string;
}) {
	const [copied, setCopied] = useState(false);
	const text = JSON.stringify(value, null, 2) ?? 'undefined';
	return (
		<div className="json-view">
			<button
				className="json-view__copy button button--small"
				aria-label={`Copy ${label}`}
				onClick={() => {
					navigator.clipboard
						?.writeText(text)
						.then(() => setCopied(true))
						.catch(() => undefined);
					setTimeout(() => setCopied(false), 1500);
				}}
			>
				{copied ? 'Copied' : 'Copy'}
			</button>
			{/* Focusable, so a keyboard can scroll a long answer. */}
			<pre
				data-testid={testId}
				style={maxHeight ? { maxHeight } : undefined}
				tabIndex={0}
				role="region"
				aria-label={label}
			>
				{text}
			</pre>
		</div>
	);
}
