// One entry of a fixedCollection: its header with move and remove buttons, and its fields.
import type { Params } from '../../graph/parameters';
import type { PropertyCollectionOption } from '../../graph/types';
import { ParameterForm } from '../panel/ParameterForm';

interface Props {
	option: PropertyCollectionOption;
	/** All entries of this option; this one is at index. */
	entries: Params[];
	entry: Params;
	index: number;
	multiple: boolean;
	sortable: boolean;
	root: Params;
	path: string;
	/** Writes the option's entries back. */
	write: (entries: Params[]) => void;
}

export function FixedCollectionEntry(props: Props) {
	const { option, entries, entry, index, multiple, root, path, write } = props;
	return (
		<div className="fixed-collection__entry" data-testid={`${path}.${option.name}.${index}`}>
			<div className="fixed-collection__entry-header">
				<span>
					{option.displayName}
					{multiple && entries.length > 1 ? ` ${index + 1}` : ''}
				</span>
				<EntryTools {...props} />
			</div>
			<ParameterForm
				properties={option.values}
				values={entry}
				root={root}
				prefix={`${path}.${option.name}.${index}.`}
				onChange={(next) =>
					write(entries.map((old, position) => (position === index ? next : old)))
				}
			/>
		</div>
	);
}

function EntryTools({ option, entries, index, sortable, path, write }: Props) {
	return (
		<span className="fixed-collection__tools">
			{sortable && index > 0 && (
				<button
					className="icon-button"
					aria-label="Move up"
					onClick={() => write(swap(entries, index, index - 1))}
				>
					↑
				</button>
			)}
			{sortable && index < entries.length - 1 && (
				<button
					className="icon-button"
					aria-label="Move down"
					onClick={() => write(swap(entries, index, index + 1))}
				>
					↓
				</button>
			)}
			<button
				className="icon-button"
				aria-label={`Remove ${option.displayName}`}
				onClick={() => write(entries.filter((_, position) => position !== index))}
				data-testid={`${path}.${option.name}.${index}-remove`}
			>
				×
			</button>
		</span>
	);
}

function swap<T>(list: T[], a: number, b: number): T[] {
	const copy = [...list];
	[copy[a], copy[b]] = [copy[b], copy[a]];
	return copy;
}
