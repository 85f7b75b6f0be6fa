// Items a node received or produced in the last test, one JSON block per item.
import type { Item } from '../../api/types';
import { JsonView } from '../common/JsonView';

export function RunItems({
	items,
	empty,
	testId,
}: {
	items: Item[] | undefined;
	empty: string;
	testId: string;
}) {
	if (!items || items.length === 0)
		return (
			<p className="muted" data-testid={testId}>
				{empty}
			</p>
		);
	return (
		<div data-testid={testId}>
			{items.map((item, index) => (
				<div key={index} className="run-item">
					<span className="run-item__label">Item {index + 1}</span>
					<JsonView value={item.json} maxHeight={360} />
				</div>
			))}
		</div>
	);
}
