// "Use demo backend": tests call the canvas server's imitation of the real APIs, with a demo token, so
// a template can be tested with no account. Only tests: the graph keeps the real addresses.
import { DemoNotServed } from './DemoNotServed';

interface Props {
	on: boolean;
	busy: boolean;
	demoBase: string;
	onChange: (on: boolean) => void;
}

export function DemoToggle({ on, busy, demoBase, onChange }: Props) {
	return (
		<div className={`demo-toggle${on ? ' demo-toggle--on' : ''}`}>
			<label className="switch">
				<input
					type="checkbox"
					checked={on}
					disabled={busy}
					onChange={(event) => onChange(event.target.checked)}
					data-testid="demo-toggle"
					aria-label="Use demo backend"
				/>
				<span className="switch__track" />
				<span className="switch__text">Use demo backend</span>
			</label>
			<p className="field__hint">
				{on
					? `Tests call ${demoBase} (electricity usage, Shopify orders, Statuspage incidents) with a demo token. Your API addresses stay in the graph, in exports and deploys; switch off to test against your API before going live.`
					: 'Tests call the built-in demo of the electricity, Shopify and Statuspage APIs, without any account. The graph keeps your API addresses.'}
			</p>
			{on && <DemoNotServed testId="demo-not-served" />}
		</div>
	);
}
