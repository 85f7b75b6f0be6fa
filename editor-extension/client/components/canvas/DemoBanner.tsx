// Shown on the canvas while tests call the demo backend, so nobody takes a demo answer for the real one.
import { DemoNotServed } from '../workflow/DemoNotServed';

export function DemoBanner({
	demoBase,
	busy,
	onSwitchOff,
}: {
	demoBase: string;
	busy: boolean;
	onSwitchOff: () => void;
}) {
	return (
		<div className="demo-banner" data-testid="demo-banner">
			<span>
				<strong>Demo backend</strong> — tests call {demoBase}; the graph keeps your addresses.
				<DemoNotServed testId="demo-banner-not-served" short />
			</span>
			<button
				className="button button--small"
				onClick={onSwitchOff}
				disabled={busy}
				data-testid="demo-banner-off"
			>
				Test my real API
			</button>
		</div>
	);
}
