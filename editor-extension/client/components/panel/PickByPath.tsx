// Picking a field the test's response has no example of (an empty list, a key this customer lacks):
// the admin types its JSON pointer and sees, before adding it, the field's name, whether the pointer
// is valid for the node, and what this response holds there. The node resolves it in production.
import { useEffect, useRef, useState } from 'react';

import { parsePointer } from '../../../../nodes/public/browser';
import { labelFor, previewOf, resolvePointer } from '../../graph/pointers';

interface Props {
	/** The response the last test received. */
	body: unknown;
	picked: string[];
	/** A path to start from (an empty list's `/orders/*\/`), set by the tree. */
	seed?: { path: string };
	onAdd: (pointer: string, label: string) => void;
}

function check(path: string): { error?: string; label?: string } {
	if (!path.trim()) return {};
	try {
		const tokens = parsePointer(path).map((token) => token.key);
		if (tokens.some((token) => token === ''))
			return { error: 'The path has an empty step ("//" or a trailing "/"): type the key there.' };
		return { label: labelFor(tokens) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

export function PickByPath({ body, picked, seed, onAdd }: Props) {
	const [path, setPath] = useState('');
	const input = useRef<HTMLInputElement>(null);
	useEffect(() => {
		if (!seed) return;
		setPath(seed.path);
		input.current?.focus();
	}, [seed]);
	const { error, label } = check(path);
	const found = label ? resolvePointer(body, path) : [];
	const already = picked.includes(path);
	return (
		<form
			className="pick-by-path"
			onSubmit={(event) => {
				event.preventDefault();
				if (label && !already) {
					onAdd(path, label);
					setPath('');
				}
			}}
		>
			<label className="field__label" htmlFor="pick-by-path">
				Type a path
			</label>
			<p className="field__hint" id="pick-by-path-hint">
				For a field this response has no example of (an empty list, a key this customer lacks): a
				JSON pointer, with <code>*</code> for every item of a list, e.g. <code>/orders/*/name</code>
				, and <code>~*</code> for every value of a map keyed by IDs, <code>~key</code> for its key.
			</p>
			<div className="pick-by-path__row">
				<input
					ref={input}
					id="pick-by-path"
					className="input"
					value={path}
					onChange={(event) => setPath(event.target.value)}
					aria-describedby="pick-by-path-hint pick-by-path-preview"
					aria-invalid={Boolean(error)}
					spellCheck={false}
					data-testid="pick-path-input"
				/>
				<button
					className="button"
					type="submit"
					disabled={!label || already}
					data-testid="pick-path-add"
				>
					Add field
				</button>
			</div>
			<p
				id="pick-by-path-preview"
				className={error ? 'field__error' : 'field__hint'}
				aria-live="polite"
				data-testid="pick-path-preview"
			>
				{error ??
					(label
						? already
							? `Already picked as a field.`
							: found.length
								? `Adds “${label}”. This response has: ${found
										.slice(0, 3)
										.map((value) => previewOf(value, 40))
										.join(', ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}.`
								: `Adds “${label}”. This response has nothing there (no example in this test): the live response is read at this path.`
						: '')}
			</p>
		</form>
	);
}
