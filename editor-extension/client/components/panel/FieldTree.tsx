// One level of the response tree: a tick per field (ticked = the AI may see it), arrays with an
// "every item (*)" entry first, maps keyed by IDs with an "every key (~*)" entry first.
import { useState } from 'react';

import { rowLabel, type TreeEntry } from '../../graph/pointers';

interface Props {
	entries: TreeEntry[];
	picked: Set<string>;
	onToggle: (entry: TreeEntry) => void;
	depth?: number;
	/** The rows above, for naming a toggle with what it opens ("orders › every item (*)"). */
	path?: string;
	/** An empty list has no item to tick: its row offers to type a field of its items. */
	onTypeItems?: (pointer: string) => void;
}

function summary(entry: TreeEntry): string {
	if (entry.kind === 'array') return `list of ${entry.count}`;
	if (entry.kind === 'object')
		return `${entry.children.length} field${entry.children.length === 1 ? '' : 's'}`;
	return entry.preview ?? '';
}

function TreeRow({
	entry,
	picked,
	onToggle,
	depth,
	path,
	onTypeItems,
}: {
	entry: TreeEntry;
	picked: Set<string>;
	onToggle: (entry: TreeEntry) => void;
	depth: number;
	path?: string;
	onTypeItems?: (pointer: string) => void;
}) {
	// Open by default: the first levels, and every "every item" branch; single items start closed.
	// A branch holding a picked field opens too, so every picked field shows ticked.
	const [open, setOpen] = useState(
		(depth < 2 && (entry.role !== 'item' || entry.wildcard)) ||
			[...picked].some((pointer) => pointer.startsWith(`${entry.pointer}/`)),
	);
	const expandable = entry.children.length > 0;
	const label = rowLabel(entry);
	const named = path ? `${path} › ${label}` : label;
	return (
		<li
			className={`tree__row${entry.role === 'every' || entry.role === 'everyKey' ? ' tree__row--wildcard' : ''}`}
		>
			<div className="tree__line">
				{expandable ? (
					<button
						className="tree__toggle"
						onClick={() => setOpen(!open)}
						aria-label={`${open ? 'Collapse' : 'Expand'} ${named}`}
						aria-expanded={open}
					>
						{open ? '▾' : '▸'}
					</button>
				) : (
					<span className="tree__toggle" />
				)}
				<label className="tree__label" title={entry.pointer}>
					<input
						type="checkbox"
						checked={picked.has(entry.pointer)}
						onChange={() => onToggle(entry)}
						data-testid={`pick-${entry.pointer}`}
					/>
					<span className="tree__key">{label}</span>
					<span className={`tree__value tree__value--${entry.kind}`}>{summary(entry)}</span>
				</label>
				{entry.kind === 'array' && entry.count === 0 && onTypeItems && (
					<button
						type="button"
						className="link-button tree__type-items"
						onClick={() => onTypeItems(entry.pointer)}
						data-testid={`type-items-${entry.pointer}`}
					>
						Empty here: type a field of its items
					</button>
				)}
			</div>
			{expandable && open && (
				<FieldTree
					entries={entry.children}
					picked={picked}
					onToggle={onToggle}
					depth={depth + 1}
					path={named}
					onTypeItems={onTypeItems}
				/>
			)}
		</li>
	);
}

export function FieldTree({ entries, picked, onToggle, depth = 0, path, onTypeItems }: Props) {
	return (
		<ul className="tree">
			{entries.map((entry) => (
				<TreeRow
					key={entry.pointer}
					entry={entry}
					picked={picked}
					onToggle={onToggle}
					depth={depth}
					path={path}
					onTypeItems={onTypeItems}
				/>
			))}
		</ul>
	);
}
