// A node type's icon as n8n shows it: the package's SVG, or the first letter on its colour.
import type { NodeDescription } from '../../graph/types';

export function NodeIcon({
	description,
	size = 28,
	name,
}: {
	description?: NodeDescription;
	size?: number;
	/** The letter's source when the canvas has no description (n8n's own nodes: graph/baseNodes.ts). */
	name?: string;
}) {
	if (description?.iconUrl) {
		return (
			<img
				className="node-icon"
				src={description.iconUrl}
				alt=""
				width={size}
				height={size}
				draggable={false}
			/>
		);
	}
	const letter = (description?.displayName ?? name ?? '?').charAt(0).toUpperCase();
	return (
		<span
			className="node-icon node-icon--letter"
			style={{ width: size, height: size, background: description?.defaults?.color ?? '#8b8f98' }}
		>
			{letter}
		</span>
	);
}
