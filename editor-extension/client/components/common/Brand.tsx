// The product's name as the top bar shows it, on the home and in the editor.
export function Brand() {
	return (
		<div className="top-bar__brand">
			<span className="logo" aria-hidden>
				◆
			</span>
			<span>Fin Actions</span>
		</div>
	);
}
