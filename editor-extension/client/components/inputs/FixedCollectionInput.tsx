// n8n `fixedCollection`: named groups of fields; with multipleValues a list of entries (sortable when
// the description says so), each rendered from the option's own child properties.
import {
	collectionEntries,
	isCollectionOption,
	newCollectionEntry,
	type Params,
} from '../../graph/parameters';
import type { NodeProperty, PropertyCollectionOption } from '../../graph/types';
import { ParameterForm } from '../panel/ParameterForm';

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
					<div
						key={`${option.name}-${index}`}
						className="fixed-collection__entry"
						data-testid={`${path}.${option.name}.${index}`}
					>
						<div className="fixed-collection__entry-header">
							<span>
								{option.displayName}
								{multiple && entries.length > 1 ? ` ${index + 1}` : ''}
							</span>
							<span className="fixed-collection__tools">
								{sortable && index > 0 && (
									<button
										className="icon-button"
										aria-label="Move up"
										onClick={() => write(option, swap(entries, index, index - 1))}
									>
										↑
									</button>
								)}
								{sortable && index < entries.length - 1 && (
									<button
										className="icon-button"
										aria-label="Move down"
										onClick={() => write(option, swap(entries, index, index + 1))}
									>
										↓
									</button>
								)}
								<button
									className="icon-button"
									aria-label={`Remove ${option.displayName}`}
									onClick={() =>
										write(
											option,
											entries.filter((_, position) => position !== index),
										)
									}
									data-testid={`${path}.${option.name}.${index}-remove`}
								>
									×
								</button>
							</span>
						</div>
						<ParameterForm
							properties={option.values}
							values={entry}
							root={root}
							prefix={`${path}.${option.name}.${index}.`}
							onChange={(next) =>
								write(
									option,
									entries.map((old, position) => (position === index ? next : old)),
								)
							}
						/>
					</div>
				));
			})}
			{addable.length > 0 && (
				<div className="fixed-collection__add">
					{addable.map((option) => (
						<button
							key={option.name}
							className="button button--dashed"
							onClick={() =>
								write(option, [
									...collectionEntries(values, option.name, multiple),
									newCollectionEntry(option),
								])
							}
							data-testid={`${path}-add-${option.name}`}
						>
							+ {addLabel(option)}
						</button>
					))}
				</div>
			)}
		</div>
	);
}

function swap<T>(list: T[], a: number, b: number): T[] {
	const copy = [...list];
	[copy[a], copy[b]] = [copy[b], copy[a]];
	return copy;
}
