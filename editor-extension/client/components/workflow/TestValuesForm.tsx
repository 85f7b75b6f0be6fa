// The attributes a test pretends the customer has (user, company, conversation) and the message, as
// name / value rows or, alternatively, as one JSON object. The one place for test values in the
// canvas (state/testValues.ts): an invalid edit is named here and in Checks and blocks the test.
import { useId, useState } from 'react';

import type { TestValues } from '../../api/types';
import {
	GROUPS,
	objectOfRows,
	parseTestValuesJson,
	rowsOf,
	setTestValues,
	setTestValuesError,
	testValuesStore,
	type AttributeRow,
	type Group,
} from '../../state/testValues';
import { useStore } from '../../state/store';
import { AttributeRows } from './AttributeRows';

type View = 'rows' | 'json';

export function TestValuesForm() {
	const values = useStore(testValuesStore, (state) => state.values);
	const error = useStore(testValuesStore, (state) => state.error);
	const [view, setView] = useState<View>('rows');
	const id = useId();
	return (
		<div className="test-values" data-testid="test-values">
			<div className="segmented" role="group" aria-label="Edit test values as">
				{(
					[
						['rows', 'Attributes'],
						['json', 'JSON'],
					] as const
				).map(([option, label]) => (
					<button
						key={option}
						type="button"
						className={`segmented__option${view === option ? ' segmented__option--on' : ''}`}
						aria-pressed={view === option}
						// Switching would drop the invalid edit: fix it first (the error below says what).
						disabled={view !== option && Boolean(error)}
						onClick={() => setView(option)}
						data-testid={`test-values-view-${option}`}
					>
						{label}
					</button>
				))}
			</div>
			{view === 'rows' ? <RowsEditor values={values} /> : <JsonEditor values={values} />}
			{error && (
				<p className="field__error" role="alert" id={`${id}-error`} data-testid="test-values-error">
					The test values are not valid: {error}. Tests and “Set live” wait until this is fixed.
				</p>
			)}
			<p className="field__hint">
				Nothing is verified in a test: the trigger marks the item identity.verified = false, source
				= test. These values are the canvas's own; the nodes' “Test Values” settings are used only
				by tests inside n8n.
			</p>
		</div>
	);
}

/** Every edit is checked at once: valid values are what the next test sends, else the error blocks it. */
function publish(next: Parsed) {
	if (next.ok) setTestValues(next.value);
	else setTestValuesError(next.error);
}
type Parsed = ReturnType<typeof parseTestValuesJson>;

function RowsEditor({ values }: { values: TestValues }) {
	const id = useId();
	// The rows as typed (blank rows included); the store holds the last valid values.
	const [text, setText] = useState(String((values.message as { text?: unknown }).text ?? ''));
	const [rows, setRows] = useState<Record<Group, AttributeRow[]>>(() => ({
		user: rowsOf(values.user),
		company: rowsOf(values.company),
		conversation: rowsOf(values.conversation),
	}));
	const update = (nextRows: Record<Group, AttributeRow[]>, nextText: string) => {
		setRows(nextRows);
		setText(nextText);
		const next: TestValues = { ...values, message: { ...values.message, text: nextText } };
		for (const group of GROUPS) {
			const parsed = objectOfRows(group, nextRows[group]);
			if (!parsed.ok) return publish(parsed);
			next[group] = parsed.value;
		}
		publish({ ok: true, value: next });
	};
	return (
		<>
			<div className="field">
				<div className="field__label">
					<label htmlFor={`${id}-message`}>Customer message</label>
				</div>
				<input
					id={`${id}-message`}
					className="input"
					value={text}
					onChange={(event) => update(rows, event.target.value)}
					data-testid="test-values-message"
				/>
			</div>
			{GROUPS.map((group) => (
				<AttributeRows
					key={group}
					group={group}
					rows={rows[group]}
					onChange={(groupRows) => update({ ...rows, [group]: groupRows }, text)}
				/>
			))}
		</>
	);
}

function JsonEditor({ values }: { values: TestValues }) {
	const id = useId();
	const [draft, setDraft] = useState(() => JSON.stringify(values, null, 2));
	const error = useStore(testValuesStore, (state) => state.error);
	return (
		<div className="field">
			<div className="field__label">
				<label htmlFor={`${id}-json`}>Test values (JSON)</label>
			</div>
			<textarea
				id={`${id}-json`}
				className={`input input--code${error ? ' input--invalid' : ''}`}
				aria-invalid={Boolean(error)}
				rows={16}
				spellCheck={false}
				value={draft}
				onChange={(event) => {
					setDraft(event.target.value);
					publish(parseTestValuesJson(event.target.value));
				}}
				data-testid="test-values-json"
			/>
			<p className="field__hint">
				{'{"user": {...}, "company": {...}, "conversation": {...}, "message": {"text": "..."}}'}
			</p>
		</div>
	);
}
