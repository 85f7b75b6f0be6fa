import type { NodeProperty } from '../../graph/types';
import { useFieldLabel } from './fieldLabel';
import { PlaceholderInput, usePlaceholderHelp } from './PlaceholderInput';
import { useDraft } from './useDraft';

interface Props {
	property: NodeProperty;
	value: unknown;
	onChange: (value: string) => void;
	testId: string;
	/** Credential forms: the saved secret is never shown, only whether one is saved. */
	secretSaved?: boolean;
}

export function TextInput({ property, value, onChange, testId, secretSaved }: Props) {
	const labelled = useFieldLabel();
	const help = usePlaceholderHelp();
	const text = value === undefined || value === null ? '' : String(value);
	const [draft, setDraft] = useDraft(text);
	const rows = Number(property.typeOptions?.rows ?? 1);
	const password = property.typeOptions?.password === true;
	const commit = () => draft !== text && onChange(draft);
	const placeholder = secretSaved ? 'Saved on the server (type to replace)' : property.placeholder;
	if (rows > 1 && !password) {
		return (
			<textarea
				className="input"
				rows={rows}
				value={draft}
				placeholder={placeholder}
				onChange={(event) => setDraft(event.target.value)}
				onBlur={commit}
				data-testid={testId}
				{...labelled}
			/>
		);
	}
	if (help && !password)
		return (
			<PlaceholderInput
				help={help}
				draft={draft}
				setDraft={setDraft}
				commit={commit}
				placeholder={placeholder}
				testId={testId}
			/>
		);
	return (
		<input
			className="input"
			type={password ? 'password' : 'text'}
			autoComplete={password ? 'new-password' : 'off'}
			spellCheck={false}
			value={draft}
			placeholder={placeholder}
			onChange={(event) => setDraft(event.target.value)}
			onBlur={commit}
			onKeyDown={(event) => event.key === 'Enter' && commit()}
			data-testid={testId}
			{...labelled}
		/>
	);
}
