// "Back to draft" for a live action: its workflow in n8n is unpublished and the agent of that n8n is
// rebuilt without it (server/agent/routes.ts); what happened is said in a message.
import { useState } from 'react';

import { agentApi } from '../../api/client';
import type { BackToDraftResult } from '../../api/types';
import { showError, showToast } from '../../state/toasts';

interface Props {
	actionId: string;
	name: string;
	/** After n8n unpublished it (e.g. reload the list, mark the open action not live). */
	onDone: (result: BackToDraftResult) => void;
	className?: string;
}

export function BackToDraftButton({ actionId, name, onDone, className = 'button' }: Props) {
	const [busy, setBusy] = useState(false);
	const click = async () => {
		setBusy(true);
		try {
			const result = await agentApi.backToDraft(actionId);
			showToast('success', `“${name}” is a draft again: n8n unpublished it.`, result.agent.message);
			onDone(result);
		} catch (error) {
			showError(error, 'Check that n8n is running, then try again.');
		} finally {
			setBusy(false);
		}
	};
	return (
		<button
			className={className}
			onClick={() => void click()}
			disabled={busy}
			aria-label={`Back to draft: unpublish ${name} in n8n and take it out of the AI agent`}
			title="Unpublish it in n8n and take it out of the AI agent"
			data-testid="back-to-draft"
		>
			{busy ? 'Unpublishing…' : 'Back to draft'}
		</button>
	);
}
