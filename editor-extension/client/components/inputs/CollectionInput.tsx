// n8n `collection`: optional settings, each added from the "Add option" list and removable.
import { clone, type Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { ParameterField } from '../panel/ParameterField';

interface Props {
	property: NodeProperty;
	value: unknown;
	root: Params;
	onChange: (value: Params) => void;
	path: string;
}

export function CollectionInput({ property, value, root, onChange, path }: Props) {
	const values = (value && typeof value === 'object' ? value : {}) as Params;
	const children = (property.options ?? []) as NodeProperty[];
	const added = children.filter((child) => child.name in values);
	const available = children.filter((child) => !(child.name in values));
	return (
		<div className="collection" data-testid={path}>
			{added.length === 0 && (
				<p className="muted">No options set: every option uses its default.</p>
			)}
			{added.map((child) => (
				<ParameterField
					key={child.name}
					property={child}
					value={values[child.name]}
					root={root}
					path={`${path}.${child.name}`}
					onChange={(next) => onChange({ ...values, [child.name]: next })}
					onRemove={() => {
						const { [child.name]: _removed, ...rest } = values;
						onChange(rest);
					}}
				/>
			))}
			{available.length > 0 && (
				<select
					className="input input--add"
					aria-label={`Add an option to ${property.displayName}`}
					value=""
					onChange={(event) => {
						const child = children.find((candidate) => candidate.name === event.target.value);
						if (child) onChange({ ...values, [child.name]: clone(child.default) });
					}}
					data-testid={`${path}-add`}
				>
					<option value="">{property.placeholder ?? 'Add option'}</option>
					{available.map((child) => (
						<option key={child.name} value={child.name}>
							{child.displayName}
						</option>
					))}
				</select>
			)}
		</div>
	);
}
