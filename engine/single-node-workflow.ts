// A workflow of one package node, shaped like what n8n exports, for tests of a single node.
import type { IDataObject } from 'n8n-workflow';

import { PACKAGE_NAME } from './package-types';
import type { WorkflowJson } from './run-workflow';

export function singleNodeWorkflow(
	nodeName: string,
	type: string,
	parameters: IDataObject,
	extra: IDataObject = {},
): WorkflowJson {
	return {
		name: `${nodeName} test`,
		nodes: [
			{
				id: `${type}-under-test`,
				name: nodeName,
				type: `${PACKAGE_NAME}.${type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				...extra,
			},
		],
		connections: {},
	} as WorkflowJson;
}
