// Stored secrets go only to an n8n address confirmed for them: for a new address the server names
// them (`reenter`, server/secret-addresses.ts) and the admin enters them here again.
import type { Secrets } from './useDeploy';

/** A stored credential whose secrets the server asks for again. */
export interface Reentry {
	id: string;
	name: string;
	fields: { name: string; displayName: string }[];
}

interface Props {
	reenter: Reentry[];
	secrets: Secrets;
	setSecret: (id: string, field: string, value: string) => void;
}

export function DeployReenter({ reenter, secrets, setSecret }: Props) {
	return (
		<fieldset className="field" data-testid="deploy-reenter">
			<legend className="field__label">Enter these secrets again for this n8n address</legend>
			{reenter.flatMap((credential) =>
				credential.fields.map((field) => (
					<div className="field" key={`${credential.id}:${field.name}`}>
						<label htmlFor={`deploy-secret-${credential.id}-${field.name}`}>
							{credential.name}: {field.displayName}
						</label>
						<input
							id={`deploy-secret-${credential.id}-${field.name}`}
							className="input"
							type="password"
							autoComplete="off"
							value={secrets[credential.id]?.[field.name] ?? ''}
							onChange={(event) => setSecret(credential.id, field.name, event.target.value)}
						/>
					</div>
				)),
			)}
			<p className="field__hint">
				Stored secrets go only to the n8n addresses they were entered for; this is asked once per
				address.
			</p>
		</fieldset>
	);
}
