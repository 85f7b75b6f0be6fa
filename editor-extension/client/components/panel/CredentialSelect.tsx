// The credential picker's drop-down: the credentials of one type entered here, or a new one.
import type { CredentialInfo } from '../../api/types';
import { setNodeCredential } from '../../state/editor';

export const CREATE = '__create__';

interface Props {
	nodeId: string;
	type: string;
	label: string;
	options: CredentialInfo[];
	current?: CredentialInfo;
	/** The credential the node names, entered here or not. */
	reference?: { id: string | null; name: string };
	onCreate: () => void;
}

export function CredentialSelect(props: Props) {
	const { nodeId, type, label, options, current, reference, onCreate } = props;
	return (
		<select
			className="input"
			aria-label={`Credential for ${label}`}
			value={current?.id ?? ''}
			onChange={(event) => {
				if (event.target.value === CREATE) return onCreate();
				const chosen = options.find((credential) => credential.id === event.target.value);
				setNodeCredential(nodeId, type, chosen ? { id: chosen.id, name: chosen.name } : undefined);
			}}
			data-testid={`credential-select-${type}`}
		>
			<option value="">
				{reference && !current ? `${reference.name} (not entered here)` : 'Choose a credential…'}
			</option>
			{options.map((credential) => (
				<option key={credential.id} value={credential.id}>
					{credential.name}
				</option>
			))}
			<option value={CREATE}>+ Create new credential</option>
		</select>
	);
}
