// Renders a level of parameters from an n8n description: only the properties whose displayOptions
// hold, each with its default when not set. Used for node parameters and credential fields alike.
import { createContext, Fragment, useContext, type ReactNode } from 'react';

import { resolveValues, visibleProperties, type Params } from '../../graph/parameters';
import type { NodeProperty } from '../../graph/types';
import { ParameterField } from './ParameterField';

export interface FormSettings {
	typeVersion?: number;
	/** Credential type names, for `credentialsSelect` parameters. */
	credentialTypes: Array<{ name: string; displayName: string }>;
	/** Credential forms of a saved credential: password fields show "saved", never the value. */
	savedSecrets?: boolean;
	/**
	 * Canvas content placed by a parameter, keyed by the parameter's test id path (`param-url`): shown
	 * after it (the credential picker after Authentication) or instead of it.
	 */
	around?: Record<string, { after?: ReactNode; instead?: ReactNode }>;
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
			{shown.map((property, index) => {
				const path = `${prefix}${property.name}`;
				const slot = settings.around?.[path];
				return (
					<Fragment key={`${property.name}-${index}`}>
						{slot?.instead ?? (
							<ParameterField
								property={property}
								value={resolved[property.name]}
								root={root ?? resolved}
								path={path}
								onChange={(value) => {
									const next = { ...values };
									if (value === undefined) delete next[property.name];
									else next[property.name] = value;
									onChange(next);
								}}
							/>
						)}
						{slot?.after}
					</Fragment>
				);
			})}
		</div>
	);
}
