// JSON text (n8n keeps `json` parameters as strings). Other values edited as JSON are parsed back.
import { useDraft } from './useDraft';
import { useFieldLabel } from './fieldLabel';

interface Props {
	value: unknown;
	onChange: (value: unknown) => void;
	testId: string;
	/** true: the parameter is a JSON string; false: any value shown as JSON (unsupported types). */
	asString: boolean;
	rows?: number;
}

function problemOf(text: string): string | undefined {
	if (text.trim() === '' || text.trim().startsWith('=')) return undefined;
	try {
		JSON.parse(text);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

export function JsonInput({ value, onChange, testId, asString, rows = 6 }: Props) {
	const labelled = useFieldLabel();
	const text = asString
		? typeof value === 'string'
			? value
			: JSON.stringify(value ?? {}, null, 2)
		: JSON.stringify(value ?? null, null, 2);
	const [draft, setDraft] = useDraft(text);
	const problem = problemOf(draft);
	const commit = () => {
		if (draft === text) return;
		if (asString) onChange(draft);
		else if (!problem) onChange(JSON.parse(draft));
	};
	return (
		<>
			<textarea
				{...labelled}
				className={`input input--code${problem ? ' input--invalid' : ''}`}
				rows={rows}
				spellCheck={false}
				value={draft}
				onChange={(event) => setDraft(event.target.value)}
				onBlur={commit}
				data-testid={testId}
			/>
			{problem && <p className="field__error">Not valid JSON: {problem}. Fix it before testing.</p>}
		</>
	);
}
