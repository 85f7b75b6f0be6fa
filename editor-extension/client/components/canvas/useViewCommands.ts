// The toolbar's and keyboard's view commands (fit, zoom, centre, reveal), bound to this React Flow.
import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';

import { view } from '../../state/editor';

export function useViewCommands(flow: ReactFlowInstance) {
	useEffect(() => {
		view.fitView = () => void flow.fitView({ padding: 0.25, duration: 200, maxZoom: 1.2 });
		view.zoomIn = () => void flow.zoomIn({ duration: 150 });
		view.zoomOut = () => void flow.zoomOut({ duration: 150 });
		view.resetZoom = () => void flow.zoomTo(1, { duration: 150 });
		view.center = () => {
			const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
			if (!pane) return undefined;
			return flow.screenToFlowPosition({
				x: pane.left + pane.width / 2,
				y: pane.top + pane.height / 2,
			});
		};
		view.reveal = (position) => {
			const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
			if (!pane) return;
			const topLeft = flow.flowToScreenPosition(position);
			const bottomRight = flow.flowToScreenPosition({ x: position.x + 100, y: position.y + 150 });
			const margin = 40;
			const inside =
				topLeft.x >= pane.left + margin &&
				topLeft.y >= pane.top + margin &&
				bottomRight.x <= pane.right - margin &&
				bottomRight.y <= pane.bottom - margin;
			if (!inside) void flow.fitView({ padding: 0.25, duration: 200, maxZoom: flow.getZoom() });
		};
	}, [flow]);
}
