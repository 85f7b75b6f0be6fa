// The side panel's tab strip: the tabs this node has, the open one marked.
export type Tab = 'parameters' | 'fields' | 'input' | 'output' | 'requests';

interface Props {
	tabs: Array<[Tab, string, boolean]>;
	tab: Tab;
	onSelect: (tab: Tab) => void;
}

export function PanelTabs({ tabs, tab, onSelect }: Props) {
	return (
		<nav className="tabs" role="tablist">
			{tabs
				.filter(([, , shown]) => shown)
				.map(([id, label]) => (
					<button
						key={id}
						role="tab"
						aria-selected={tab === id}
						className={`tab${tab === id ? ' tab--active' : ''}`}
						onClick={() => onSelect(id)}
						data-testid={`panel-tab-${id}`}
					>
						{label}
					</button>
				))}
		</nav>
	);
}
