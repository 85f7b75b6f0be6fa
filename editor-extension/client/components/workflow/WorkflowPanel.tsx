// Right column when no node is selected: the graph's problems, the last test, the demo backend switch,
// the test values and the credentials.
import type { Problem } from '../../graph/validation';
import type { RunState } from '../../state/editor';
import { ChatAddress } from '../common/ChatAddress';
import { editorStore } from '../../state/editor';
import { useStore } from '../../state/store';
import { CredentialList } from './CredentialList';
import { DemoToggle } from './DemoToggle';
import { Instructions } from './Instructions';
import { ProblemList } from './ProblemList';
import { RunSummary } from './RunSummary';
import { TestValuesForm } from './TestValuesForm';

interface Props {
	problems: Problem[];
	run?: RunState;
	stale: boolean;
	demoOn: boolean;
	demoBusy: boolean;
	demoBase: string;
	onDemo: (on: boolean) => void;
}

export function WorkflowPanel(props: Props) {
	const deployed = useStore(editorStore, (state) => state.deployed);
	return (
		<aside className="side-panel" data-testid="workflow-panel">
			<header className="panel-header panel-header--plain">
				<h2>Test setup</h2>
			</header>
			<div className="side-panel__body">
				<Instructions />
				<section className="panel-section">
					<h3>Checks</h3>
					<ProblemList problems={props.problems} />
					<RunSummary run={props.run} stale={props.stale} />
				</section>
				{deployed?.active && deployed.chatUrl && (
					<section className="panel-section" data-testid="live-chat">
						<h3>Live in n8n</h3>
						<ChatAddress url={deployed.chatUrl} testId="live-chat-address" />
					</section>
				)}
				<section className="panel-section">
					<h3>Demo backend</h3>
					<DemoToggle
						on={props.demoOn}
						busy={props.demoBusy}
						demoBase={props.demoBase}
						onChange={props.onDemo}
					/>
				</section>
				<section className="panel-section">
					<h3>Test values</h3>
					<TestValuesForm />
				</section>
				<section className="panel-section">
					<h3>Credentials</h3>
					<CredentialList />
				</section>
				<p className="muted panel-tip">Select a node to edit it. Press ? for keyboard shortcuts.</p>
			</div>
		</aside>
	);
}
