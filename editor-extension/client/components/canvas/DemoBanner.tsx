// Shown on the canvas while API Actions call the demo backend, so nobody ships that by mistake.
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
				<strong>Demo backend</strong> — API calls go to {demoBase}, no account needed.
			</span>
			<button
				className="button button--small"
				onClick={onSwitchOff}
				disabled={busy}
				data-testid="demo-banner-off"
			>
				Use my real API
			</button>
		</div>
	);
}
