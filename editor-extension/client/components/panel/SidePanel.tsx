// Right column for the selected node: its parameters (rendered from its own n8n description) and
// credentials, and what it received, produced, requested and failed with in the last test.
import { useEffect, useMemo, useRef, useState } from 'react';

import type { TestResult } from '../../api/types';
import { isTriggerDescription, outputsOf } from '../../graph/nodeTypes';
import {
	collectionEntries,
	resolveValues,
	visibleCredentials,
	visibleProperties,
} from '../../graph/parameters';
import { findPickerSlots } from '../../graph/pointers';
import type { GraphNode } from '../../graph/types';
import { editorStore, selectNodes, setNodeParameters } from '../../state/editor';
import { useCatalogContext } from '../../state/CatalogContext';
import { useStore } from '../../state/store';
import { testValuesStore } from '../../state/testValues';
import {
	attributePaths,
	declaredInputPaths,
	previewUrl,
	templateFieldPreviews,
} from '../../graph/placeholderHelp';
import { PlaceholderHelpContext } from '../inputs/PlaceholderInput';
import { CredentialField } from './CredentialField';
import { FieldPicker } from './FieldPicker';
import { NodeHeader } from './NodeHeader';
import { FormSettingsContext, ParameterForm, type FormSettings } from './ParameterForm';
import { RequestLog } from './RequestLog';
import { RunError } from './RunError';
import { RunItems } from './RunItems';

type Tab = 'parameters' | 'fields' | 'input' | 'output' | 'requests';

interface Props {
	node: GraphNode;
	run?: TestResult;
	onTest: () => void;
}

export function SidePanel({ node, run, onTest }: Props) {
	const catalog = useCatalogContext();
	const description = catalog.lookup(node.data.node.type);
	const [tab, setTab] = useState<Tab>('parameters');
	const body = useRef<HTMLDivElement>(null);
	const openRequest = useStore(editorStore, (state) => state.openRequest);
	const slots = useMemo(
		() => (description ? findPickerSlots(description.properties) : undefined),
		[description],
	);
	const nodeRun = run?.nodes[node.data.node.name];
	const isAction = /\.apiAction$/.test(node.data.node.type) || Boolean(nodeRun?.requests?.length);

	useEffect(() => {
		if (openRequest) body.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
	}, [openRequest]);
	useEffect(() => {
		if (tab === 'fields' && !slots) setTab('parameters');
		if (tab === 'requests' && !isAction) setTab('parameters');
	}, [node.id, slots, isAction, tab]);

	const tabs: Array<[Tab, string, boolean]> = [
		['parameters', 'Parameters', true],
		['fields', 'Pick fields', Boolean(slots)],
		['input', 'Input', true],
		['output', nodeRun?.status === 'error' ? 'Output ⚠' : 'Output', true],
		['requests', 'Requests', isAction],
	];

	return (
		// "Pick fields" widens the panel: the answer preview sits beside the tree.
		<aside
			className={`side-panel${tab === 'fields' ? ' side-panel--wide' : ''}`}
			data-testid="side-panel"
		>
			<NodeHeader node={node} description={description} />
			<nav className="tabs" role="tablist">
				{tabs
					.filter(([, , shown]) => shown)
					.map(([id, label]) => (
						<button
							key={id}
							role="tab"
							aria-selected={tab === id}
							className={`tab${tab === id ? ' tab--active' : ''}`}
							onClick={() => setTab(id)}
							data-testid={`panel-tab-${id}`}
						>
							{label}
						</button>
					))}
			</nav>
			<div className="side-panel__body" ref={body}>
				{tab === 'parameters' && <ParametersTab node={node} />}
				{tab === 'fields' && description && slots && (
					<FieldPicker node={node} run={run} onTest={onTest} />
				)}
				{tab === 'input' && (
					<RunItems
						items={nodeRun?.input}
						empty={
							run
								? 'This node received nothing in the last test.'
								: 'Run “Test response” to see what this node receives.'
						}
						testId="run-input"
						label="Input"
					/>
				)}
				{tab === 'output' && (
					<>
						{nodeRun?.error && <RunError error={nodeRun.error} />}
						{nodeRun?.status === 'skipped' && (
							<p className="muted">
								This node did not run: no item reached it (for example, the Audience Filter sent the
								test user the other way).
							</p>
						)}
						{(nodeRun?.output ?? []).map((items, index, all) => (
							<section key={index}>
								{all.length > 1 && (
									<h4>{outputsOf(description)[index]?.label ?? `Output ${index + 1}`}</h4>
								)}
								<RunItems
									items={items}
									empty="No items on this output."
									testId={`run-output-${index}`}
									label="Output"
								/>
							</section>
						))}
						{!nodeRun && (
							<p className="muted" data-testid="run-output-0">
								Run “Test response” to see what this node produces.
							</p>
						)}
					</>
				)}
				{tab === 'requests' && <RequestLog requests={nodeRun?.requests} />}
			</div>
		</aside>
	);
}

function ParametersTab({ node }: { node: GraphNode }) {
	const catalog = useCatalogContext();
	const testValues = useStore(testValuesStore, (state) => state.values);
	const n8nNode = node.data.node;
	const description = catalog.lookup(n8nNode.type);
	if (!description) {
		return (
			<p className="notice">
				This node's type ({n8nNode.type}) is not part of this package. It is kept unchanged in
				exports; edit it in n8n.
			</p>
		);
	}
	const resolved = resolveValues(
		description.properties,
		n8nNode.parameters,
		undefined,
		n8nNode.typeVersion,
	);
	const credentials = visibleCredentials(description.credentials, resolved, n8nNode.typeVersion);
	const generic =
		resolved.authentication === 'genericCredentialType' &&
		typeof resolved.genericAuthType === 'string' &&
		resolved.genericAuthType
			? [resolved.genericAuthType]
			: [];
	const pickers = credentials.map((credential) => (
		<CredentialField
			key={credential.name}
			node={node}
			type={credential.name}
			required={credential.required}
			trigger={isTriggerDescription(description)}
		/>
	));
	const genericPickers = generic.map((type) => (
		<CredentialField key={type} node={node} type={type} />
	));
	// The credential picker sits right under the field that decides it (issue 15), else on top.
	const shown = new Set(
		visibleProperties(description.properties, {
			level: resolved,
			root: resolved,
			typeVersion: n8nNode.typeVersion,
		}).map((property) => property.name),
	);
	const byAuthentication = shown.has('authentication');
	// API Action text fields take {{attribute}} placeholders: offer the test values' attributes and
	// the node's declared AI inputs; under the URL (or a template's fields) the URL it would call.
	const placeholderHelp = /\.apiAction$/.test(n8nNode.type)
		? {
				attributes: [
					...attributePaths(testValues),
					...declaredInputPaths(n8nNode.parameters as Record<string, unknown>),
				],
				previews: {
					'param-url': (text: string) => <UrlPreview preview={previewUrl(text, testValues)} />,
					...Object.fromEntries(
						Object.entries(
							templateFieldPreviews(n8nNode.parameters as Record<string, unknown>, testValues),
						).map(([name, preview]) => [
							`param-${name}`,
							(text: string) => <UrlPreview preview={preview(text)} />,
						]),
					),
				},
			}
		: undefined;
	const around: NonNullable<FormSettings['around']> = {
		'param-testValues': { instead: <CanvasTestValuesNotice key="test-values" /> },
	};
	// A picking API Action with no field picked answers an empty object: say where fields are picked.
	if (
		/\.apiAction$/.test(n8nNode.type) &&
		resolved.responseMode === 'picked' &&
		!collectionEntries(resolved.fields, 'field', true).length
	) {
		around['param-responseMode'] = {
			after: [
				<p className="notice" key="no-fields" data-testid="param-no-fields-picked">
					No field is picked yet: this action answers an empty object. Run “Test response”, then
					tick the fields the AI may see under <strong>Pick fields</strong>.
				</p>,
			],
		};
	}
	if (byAuthentication) {
		around['param-authentication'] = { after: pickers };
		if (shown.has('genericAuthType')) around['param-genericAuthType'] = { after: genericPickers };
		else around['param-authentication'] = { after: [...pickers, ...genericPickers] };
	}
	return (
		<FormSettingsContext.Provider
			value={{
				typeVersion: n8nNode.typeVersion,
				credentialTypes: catalog.credentialTypes,
				around,
			}}
		>
			<PlaceholderHelpContext.Provider value={placeholderHelp}>
				{!byAuthentication && pickers}
				{!byAuthentication && genericPickers}
				<ParameterForm
					properties={description.properties}
					values={n8nNode.parameters}
					onChange={(parameters) => setNodeParameters(node.id, parameters)}
					prefix="param-"
				/>
			</PlaceholderHelpContext.Provider>
		</FormSettingsContext.Provider>
	);
}

/** The URL as the API Action would call it for the test customer (its own request builder). */
function UrlPreview({ preview }: { preview: ReturnType<typeof previewUrl> }) {
	return (
		<p className="url-preview" aria-live="polite" data-testid="url-preview">
			{preview.ok ? (
				<>
					<span className="muted">For the test customer: </span>
					<code>{preview.url}</code>
				</>
			) : (
				<span className="field__error">{preview.problem}</span>
			)}
		</p>
	);
}

/**
 * One place for test values (issue 15): in the canvas a test always starts from the Test setup
 * panel's values, so a node's own "Test Values" (Fin Trigger's "Listen for test event" values, API
 * Action's values for a run without a conversation) would have no effect here. They are kept
 * unchanged in exports and still serve tests inside n8n.
 */
function CanvasTestValuesNotice() {
	return (
		<div className="notice" data-testid="param-testValues-canvas">
			<strong>Test values</strong>: tests in this canvas use the values under Test setup → Test
			values, the one place for them. This node's own “Test Values” setting is kept unchanged in
			exports and is used only when you test inside n8n.{' '}
			<button
				type="button"
				className="link-button"
				onClick={() => selectNodes([])}
				data-testid="edit-test-values"
			>
				Edit test values
			</button>
		</div>
	);
}
