// The attributes a test pretends the customer has: user, company, conversation, and the message.
import type { TestValues } from '../../api/types';
import { useId } from 'react';

import { FieldLabelContext } from '../inputs/fieldLabel';
import { JsonInput } from '../inputs/JsonInput';
import { useDraft } from '../inputs/useDraft';

interface Props {
	values: TestValues;
	onChange: (values: TestValues) => void;
}

const GROUPS: Array<[keyof TestValues, string, string]> = [
	[
		'user',
		'User attributes',
		'As Intercom sends them, e.g. user_id, email, plan. Placeholders such as {{user.user_id}} read these.',
	],
	['company', 'Company attributes', 'e.g. company_id, plan, size'],
	['conversation', 'Conversation attributes', 'e.g. id, channel'],
];

export function TestValuesForm({ values, onChange }: Props) {
	const message = values.message as { text?: string };
	const [text, setText] = useDraft(message.text ?? '');
	const id = useId();
	return (
		<div className="test-values" data-testid="test-values">
			<div className="field">
				<div className="field__label">
					<label htmlFor={`${id}-message`}>Customer message</label>
				</div>
				<input
					id={`${id}-message`}
					className="input"
					value={text}
					onChange={(event) => setText(event.target.value)}
					onBlur={() => onChange({ ...values, message: { ...message, text } })}
					data-testid="test-values-message"
				/>
			</div>
			{GROUPS.map(([key, label, hint]) => (
				<div className="field" key={key}>
					<div className="field__label">
						<label id={`${id}-${key}`}>{label}</label>
					</div>
					<FieldLabelContext.Provider value={`${id}-${key}`}>
						<JsonInput
							value={values[key]}
							asString={false}
							rows={key === 'user' ? 6 : 3}
							onChange={(value) => {
								if (value && typeof value === 'object' && !Array.isArray(value))
									onChange({ ...values, [key]: value });
							}}
							testId={`test-values-${key}`}
						/>
					</FieldLabelContext.Provider>
					<p className="field__hint">{hint}</p>
				</div>
			))}
			<p className="field__hint">
				Nothing is verified in a test: the trigger marks the item identity.verified = false, source
				= test.
			</p>
		</div>
	);
}
