// Items a node received or produced in the last test, as n8n's node view shows them: a table (a row
// per field, a column per item), the schema (every key with its type), or the JSON.
import { useState } from 'react';

import type { Item } from '../../api/types';
import { cellText, itemTable, kindOf, schemaOf, type SchemaEntry } from '../../graph/itemViews';
import { JsonView } from '../common/JsonView';

type View = 'table' | 'schema' | 'json';
const VIEWS: Array<[View, string]> = [
	['table', 'Table'],
	['schema', 'Schema'],
	['json', 'JSON'],
];

export function RunItems({
	items,
	empty,
	testId,
	label = 'Items',
}: {
	items: Item[] | undefined;
	empty: string;
	testId: string;
	/** What the items are, for the table's caption and screen readers: "Input", "Output". */
	label?: string;
}) {
	const [view, setView] = useState<View>('table');
	if (!items || items.length === 0)
		return (
			<p className="muted" data-testid={testId}>
				{empty}
			</p>
		);
	const json = items.map((item) => item.json);
	return (
		<div data-testid={testId} data-view={view}>
			<div className="run-items__bar">
				<span className="run-item__label">
					{items.length} item{items.length === 1 ? '' : 's'}
				</span>
				<div className="segmented" role="group" aria-label={`Show ${label.toLowerCase()} as`}>
					{VIEWS.map(([option, name]) => (
						<button
							key={option}
							type="button"
							className={`segmented__option${view === option ? ' segmented__option--on' : ''}`}
							aria-pressed={view === option}
							onClick={() => setView(option)}
							data-testid={`${testId}-view-${option}`}
						>
							{name}
						</button>
					))}
				</div>
			</div>
			{view === 'table' && <ItemsTable items={json} label={label} />}
			{view === 'schema' && <Schema entries={schemaOf(json)} label={label} />}
			{view === 'json' &&
				json.map((value, index) => (
					<div key={index} className="run-item">
						<span className="run-item__label">Item {index + 1}</span>
						<JsonView value={value} maxHeight={360} label={`${label} item ${index + 1} JSON`} />
					</div>
				))}
		</div>
	);
}

function ItemsTable({ items, label }: { items: Array<Record<string, unknown>>; label: string }) {
	const table = itemTable(items);
	return (
		// Focusable, so a keyboard can scroll a wide or long table.
		<div className="items-table" tabIndex={0} role="region" aria-label={`${label} table`}>
			<table>
				<caption className="visually-hidden">{label}: a row per field, a column per item</caption>
				<thead>
					<tr>
						<th scope="col">Field</th>
						{items.map((_, index) => (
							<th scope="col" key={index}>
								{items.length === 1 ? 'Value' : `Item ${index + 1}`}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{table.fields.map((field, row) => (
						<tr key={field}>
							<th scope="row" className="items-table__field">
								{field}
							</th>
							{table.cells[row].map((value, column) => (
								<td
									key={column}
									className={`items-table__cell items-table__cell--${kindOf(value)}`}
									title={typeof value === 'string' ? value : JSON.stringify(value)}
								>
									{value === undefined ? '' : cellText(value)}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
			{table.omitted > 0 && (
				<p className="field__hint">
					{table.omitted} more fields: see the JSON view for everything.
				</p>
			)}
		</div>
	);
}

function Schema({ entries, label }: { entries: SchemaEntry[]; label: string }) {
	return (
		<div className="items-schema" role="region" aria-label={`${label} schema`} tabIndex={0}>
			<SchemaLevel entries={entries} />
		</div>
	);
}

function SchemaLevel({ entries }: { entries: SchemaEntry[] }) {
	return (
		<ul className="schema">
			{entries.map((entry) => (
				<li key={entry.path}>
					<span className="schema__line" title={entry.path}>
						<span className={`schema__type schema__type--${entry.kind}`}>{entry.kind}</span>
						<span className="schema__key">{entry.key}</span>
						{entry.example !== undefined && (
							<span className="schema__example">{entry.example}</span>
						)}
					</span>
					{entry.children.length > 0 && <SchemaLevel entries={entry.children} />}
				</li>
			))}
		</ul>
	);
}
