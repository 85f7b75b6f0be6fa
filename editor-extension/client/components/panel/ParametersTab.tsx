// The Parameters tab: the node's form from its own n8n description, with its credential pickers
// placed under the field that decides them.
import type { ReactNode } from 'react';

import { isTriggerDescription } from '../../graph/nodeTypes';
import {
	collectionEntries,
	resolveValues,
	visibleCredentials,
	visibleProperties,
} from '../../graph/parameters';
import type { GraphNode, NodeDescription } from '../../graph/types';
import { useCatalogContext } from '../../state/CatalogContext';
import { setNodeParameters } from '../../state/editor';
import { useStore } from '../../state/store';
import { testValuesStore } from '../../state/testValues';
import { PlaceholderHelpContext } from '../inputs/PlaceholderInput';
import { CanvasTestValuesNotice } from './CanvasTestValuesNotice';
import { CredentialField } from './CredentialField';
import { FormSettingsContext, ParameterForm, type FormSettings } from './ParameterForm';
import { placeholderHelpFor } from './placeholderHelpFor';

type Values = ReturnType<typeof resolveValues>;

/** A credential picker for each credential the node shows now, and for a generic auth type. */
function credentialPickers(node: GraphNode, description: NodeDescription, resolved: Values) {
	const credentials = visibleCredentials(
		description.credentials,
		resolved,
		node.data.node.typeVersion,
	);
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
	return { pickers, genericPickers };
}

/** What the form shows beside or instead of some fields. */
function aroundFields(
	node: GraphNode,
	resolved: Values,
	shown: Set<string>,
	pickers: ReactNode[],
	genericPickers: ReactNode[],
) {
	const around: NonNullable<FormSettings['around']> = {
		'param-testValues': { instead: <CanvasTestValuesNotice key="test-values" /> },
	};
	// A picking API Action with no field picked answers an empty object: say where fields are picked.
	if (
		/\.apiAction$/.test(node.data.node.type) &&
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
	if (shown.has('authentication')) {
		around['param-authentication'] = { after: pickers };
		if (shown.has('genericAuthType')) around['param-genericAuthType'] = { after: genericPickers };
		else around['param-authentication'] = { after: [...pickers, ...genericPickers] };
	}
	return around;
}

export function ParametersTab({ node }: { node: GraphNode }) {
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
	const { pickers, genericPickers } = credentialPickers(node, description, resolved);
	// The credential picker sits right under the field that decides it (issue 15), else on top.
	const shown = new Set(
		visibleProperties(description.properties, {
			level: resolved,
			root: resolved,
			typeVersion: n8nNode.typeVersion,
		}).map((property) => property.name),
	);
	const byAuthentication = shown.has('authentication');
	const around = aroundFields(node, resolved, shown, pickers, genericPickers);
	return (
		<FormSettingsContext.Provider
			value={{
				typeVersion: n8nNode.typeVersion,
				credentialTypes: catalog.credentialTypes,
				around,
			}}
		>
			<PlaceholderHelpContext.Provider value={placeholderHelpFor(n8nNode, testValues)}>
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
