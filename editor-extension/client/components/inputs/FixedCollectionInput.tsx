// n8n `fixedCollection`: named groups of fields; with multipleValues a list of entries (sortable when
// the description says so), each rendered from the option's own child properties.
import {
	collectionEntries,
	isCollectionOption,
	newCollectionEntry,
	type Params,
} from '../../graph/parameters';
import type { NodeProperty, PropertyCollectionOption } from '../../graph/types';
import { FixedCollectionEntry } from './FixedCollectionEntry';

interface Props {
	property: NodeProperty;
	value: unknown;
	root: Params;
	onChange: (value: Params) => void;
	path: string;
}

export function FixedCollectionInput({ property, value, root, onChange, path }: Props) {
	const values = (value && typeof value === 'object' ? value : {}) as Params;
	const multiple = property.typeOptions?.multipleValues === true;
	const sortable = property.typeOptions?.sortable === true;
	const options = (property.options ?? []).filter(isCollectionOption);

	const write = (option: PropertyCollectionOption, entries: Params[]) => {
		const next = { ...values };
		if (entries.length === 0) delete next[option.name];
		else next[option.name] = multiple ? entries : entries[0];
		onChange(next);
	};

	const addable = options.filter(
		(option) => multiple || collectionEntries(values, option.name, false).length === 0,
	);
	const addLabel = (option: PropertyCollectionOption) =>
		options.length === 1 && property.placeholder
			? property.placeholder
			: `Add ${option.displayName}`;

	return (
		<div className="fixed-collection" data-testid={path}>
			{options.map((option) => {
				const entries = collectionEntries(values, option.name, multiple);
				return entries.map((entry, index) => (
					<FixedCollectionEntry
						key={`${option.name}-${index}`}
						option={option}
						entries={entries}
						entry={entry}
						index={index}
						multiple={multiple}
						sortable={sortable}
						root={root}
						path={path}
						write={(next) => write(option, next)}
					/>
				));
			})}
			<AddButtons
				addable={addable}
				path={path}
				label={addLabel}
				onAdd={(option) =>
					write(option, [
						...collectionEntries(values, option.name, multiple),
						newCollectionEntry(option),
					])
				}
			/>
		</div>
	);
}

interface AddProps {
	addable: PropertyCollectionOption[];
	path: string;
	label: (option: PropertyCollectionOption) => string;
	onAdd: (option: PropertyCollectionOption) => void;
}

/** A button for each option that can take another entry. */
function AddButtons({ addable, path, label, onAdd }: AddProps) {
	if (addable.length === 0) return null;
	return (
		<div className="fixed-collection__add">
			{addable.map((option) => (
				<button
					key={option.name}
					className="button button--dashed"
					onClick={() => onAdd(option)}
					data-testid={`${path}-add-${option.name}`}
				>
					+ {label(option)}
				</button>
			))}
		</div>
	);
}
