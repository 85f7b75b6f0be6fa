// One group of test attributes (user, company or conversation) as name / value / type rows: each
// edit hands the group's new rows up (TestValuesForm.tsx checks and publishes them).
import {
	objectOfRows,
	ROW_TYPES,
	type AttributeRow,
	type Group,
	type RowType,
} from '../../state/testValues';

const HINTS: Record<Group, string> = {
	user: 'As Intercom sends them, e.g. user_id, email, plan. Placeholders such as {{user.user_id}} read these.',
	company: 'e.g. company_id, plan, size',
	conversation: 'e.g. id, channel',
};
const TITLES: Record<Group, string> = {
	user: 'User attributes',
	company: 'Company attributes',
	conversation: 'Conversation attributes',
};

interface Props {
	group: Group;
	rows: AttributeRow[];
	onChange: (rows: AttributeRow[]) => void;
}

export function AttributeRows({ group, rows, onChange }: Props) {
	return (
		<div className="field">
			<table className="attribute-rows" data-testid={`test-values-${group}-rows`}>
				<caption className="attribute-rows__caption">{TITLES[group]}</caption>
				<thead>
					<tr>
						<th scope="col">Name</th>
						<th scope="col">Value</th>
						<th scope="col">Type</th>
						<th scope="col">
							<span className="visually-hidden">Remove</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row, index) => (
						<AttributeRowEditor
							key={index}
							group={group}
							row={row}
							index={index}
							onEdit={(change) =>
								onChange(
									rows.map((row, position) =>
										position === index ? normalise({ ...row, ...change }) : row,
									),
								)
							}
							onRemove={() => onChange(rows.filter((_, position) => position !== index))}
						/>
					))}
				</tbody>
			</table>
			<button
				type="button"
				className="button button--small attribute-rows__add"
				onClick={() => onChange([...rows, { name: '', value: '', type: 'text' }])}
				data-testid={`test-values-${group}-add`}
			>
				+ Add {group} attribute
			</button>
			<p className="field__hint">{HINTS[group]}</p>
		</div>
	);
}

/** A row switched to true/false starts at a value the select can show. */
function normalise(row: AttributeRow): AttributeRow {
	if (row.type === 'boolean' && row.value !== 'true' && row.value !== 'false')
		return { ...row, value: 'true' };
	return row;
}

interface RowProps {
	group: Group;
	row: AttributeRow;
	index: number;
	onEdit: (change: Partial<AttributeRow>) => void;
	onRemove: () => void;
}

function AttributeRowEditor({ group, row, index, onEdit, onRemove }: RowProps) {
	const label = `${group} attribute ${row.name.trim() || `row ${index + 1}`}`;
	return (
		<tr>
			<td>
				<input
					className="input"
					aria-label={`Name of ${group} row ${index + 1}`}
					value={row.name}
					spellCheck={false}
					onChange={(event) => onEdit({ name: event.target.value })}
					data-testid={`test-values-${group}-name-${index}`}
				/>
			</td>
			<td>
				<RowValue group={group} row={row} index={index} label={label} onEdit={onEdit} />
			</td>
			<td>
				<select
					className="input"
					aria-label={`Type of ${label}`}
					value={row.type}
					onChange={(event) => onEdit({ type: event.target.value as RowType })}
					data-testid={`test-values-${group}-type-${index}`}
				>
					{ROW_TYPES.map(([type, name]) => (
						<option key={type} value={type}>
							{name}
						</option>
					))}
				</select>
			</td>
			<td>
				<button
					type="button"
					className="icon-button"
					aria-label={`Remove ${label}`}
					onClick={onRemove}
					data-testid={`test-values-${group}-remove-${index}`}
				>
					×
				</button>
			</td>
		</tr>
	);
}

/** true/false as a select; anything else typed, marked when it is not valid for its type. */
function RowValue({
	group,
	row,
	index,
	label,
	onEdit,
}: Omit<RowProps, 'onRemove'> & { label: string }) {
	if (row.type === 'boolean')
		return (
			<select
				className="input"
				aria-label={`Value of ${label}`}
				value={row.value}
				onChange={(event) => onEdit({ value: event.target.value })}
				data-testid={`test-values-${group}-value-${index}`}
			>
				<option value="true">true</option>
				<option value="false">false</option>
			</select>
		);
	const invalid = !objectOfRows(group, [row]).ok;
	return (
		<input
			className={`input${invalid ? ' input--invalid' : ''}`}
			aria-label={`Value of ${label}`}
			aria-invalid={invalid}
			value={row.value}
			spellCheck={false}
			onChange={(event) => onEdit({ value: event.target.value })}
			data-testid={`test-values-${group}-value-${index}`}
		/>
	);
}
