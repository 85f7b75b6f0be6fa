// Renders a level of parameters from an n8n description: only the properties whose displayOptions
// hold, each with its default when not set. Used for node parameters and credential fields alike.
import { createContext, useContext } from 'react';

import { resolveValues, visibleProperties, type Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { ParameterField } from './ParameterField';

export interface FormSettings {
	typeVersion?: number;
	/** Credential type names, for `credentialsSelect` parameters. */
	credentialTypes: Array<{ name: string; displayName: string }>;
	/** Credential forms of a saved credential: password fields show "saved", never the value. */
	savedSecrets?: boolean;
}

export const FormSettingsContext = createContext<FormSettings>({ credentialTypes: [] });

interface Props {
	properties: NodeProperty[];
	/** Stored values of this level (what n8n exports). */
	values: Params;
	/** Resolved top-level values, for `/name` rules; default: this level's. */
	root?: Params;
	onChange: (values: Params) => void;
	/** Test id prefix of the fields, e.g. `param-` (param-url) or `param-headerParameters.parameters.0.`. */
	prefix: string;
}

export function ParameterForm({ properties, values, root, onChange, prefix }: Props) {
	const settings = useContext(FormSettingsContext);
	const resolved = resolveValues(properties, values, root, settings.typeVersion);
	const shown = visibleProperties(properties, {
		level: resolved,
		root: root ?? resolved,
		typeVersion: settings.typeVersion,
	});
	return (
		<div className="parameter-form">
			{shown.map((property, index) => (
				<ParameterField
					key={`${property.name}-${index}`}
					property={property}
					value={resolved[property.name]}
					root={root ?? resolved}
					path={`${prefix}${property.name}`}
					onChange={(value) => {
						const next = { ...values };
						if (value === undefined) delete next[property.name];
						else next[property.name] = value;
						onChange(next);
					}}
				/>
			))}
		</div>
	);
}
