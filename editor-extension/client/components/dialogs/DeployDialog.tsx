// "Set live": sends the tested graph to an n8n instance through the canvas server (n8n's public API):
// the credentials the nodes use are created or updated in n8n by the server (their secrets never come
// back here), the workflow this action was deployed as before is updated, and it is published, as
// n8n 2.x calls it. The canvas server keeps the API key encrypted (to read the action's runs for
// Logs); it never comes back to this page. Stored secrets go only to an n8n address confirmed for
// them: for a new address the server names them (`reenter`) and the admin enters them here again.
import type { N8nWorkflow } from '../../graph/types';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { DeployErrorView, DeployResultView } from './DeployOutcome';
import { DeployForm } from './DeployForm';
import { useDeploy } from './useDeploy';

interface Props {
	workflow: N8nWorkflow;
	usesDemo: boolean;
	onClose: () => void;
}

export function DeployDialog({ workflow, usesDemo, onClose }: Props) {
	const state = useDeploy(workflow);
	const { result, error } = state;
	return (
		<Modal
			title="Publish in n8n"
			onClose={onClose}
			testId="deploy-dialog"
			footer={<DeployFooter state={state} onClose={onClose} />}
		>
			{usesDemo && (
				<p className="field__error" data-testid="deploy-demo-warning">
					This graph holds addresses of the canvas's demo backend (e.g. from an older export): enter
					your API's address in those fields (Checks lists them), test again, then set it live.
				</p>
			)}
			{result ? <DeployResultView result={result} /> : <DeployForm state={state} />}
			{error && <DeployErrorView error={error} />}
		</Modal>
	);
}

function DeployFooter({
	state: { result, busy, baseUrl, apiKey, keyKept, previous, activate, deploy },
	onClose,
}: {
	state: ReturnType<typeof useDeploy>;
	onClose: () => void;
}) {
	if (result)
		return (
			<button className="button button--primary" onClick={onClose}>
				Done
			</button>
		);
	return (
		<>
			<button className="button" onClick={onClose}>
				Cancel
			</button>
			<button
				className="button button--primary"
				onClick={deploy}
				disabled={busy || !baseUrl.trim() || (!apiKey.trim() && !keyKept)}
				data-testid="deploy-submit"
			>
				{busy ? <Spinner /> : null}{' '}
				{busy
					? 'Sending to n8n…'
					: `${previous ? 'Update' : 'Save'}${activate ? ' and publish' : ' in n8n'}`}
			</button>
		</>
	);
}
