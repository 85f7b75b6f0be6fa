// Around a credential picker: its label; under it, a credential the node names that is not entered
// here, or why a required one is needed.
export function CredentialLabel({ label, required }: { label: string; required?: boolean }) {
	return (
		<div className="field__label">
			<label>
				Credential for {label}
				{required && <span className="field__required">*</span>}
			</label>
		</div>
	);
}

interface MissingProps {
	name: string;
	onEnter: () => void;
}

export function CredentialNotEntered({ name, onEnter }: MissingProps) {
	return (
		<p className="field__error">
			“{name}” is referenced but not entered in this canvas (credentials live only while the server
			runs).{' '}
			<button className="link-button" onClick={onEnter}>
				Enter it now
			</button>
		</p>
	);
}

export function CredentialNeeded({ trigger }: { trigger?: boolean }) {
	return (
		<p className="field__hint">
			{trigger
				? 'Needed in n8n to verify chat messages. A canvas test does not need it: it uses the test values instead.'
				: 'Needed for a live test and in n8n. A mock response works without it.'}
		</p>
	);
}

/** A credential type this package does not hold: chosen in n8n instead. */
export function UnknownCredentialType({ type }: { type: string }) {
	return (
		<div className="field">
			<div className="field__label">
				<label>Credential: {type}</label>
			</div>
			<p className="notice">
				“{type}” credentials are not part of this package, so the canvas cannot hold one. Choose it
				in n8n after “Set live”; a canvas test runs without it.
			</p>
		</div>
	);
}
