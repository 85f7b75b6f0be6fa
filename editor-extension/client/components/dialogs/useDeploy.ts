// The state of the "Set live" dialog and its one action: send the graph to n8n through the canvas server.
import { useEffect, useState } from 'react';

import { useStore } from '../../state/store';
import { editorStore } from '../../state/editor';
import { workspaceStore } from '../../state/workspace';

import { agentApi, api, type ApiError } from '../../api/client';
import type { DeployResult, DeployRequest } from '../../api/types';
import type { ActionSummary } from '../../../shared/api';
import type { N8nWorkflow } from '../../graph/types';

type DeployInfo = NonNullable<ActionSummary['deploy']>;

const BASE_URL_KEY = 'fin-canvas.n8nBaseUrl';

export type Secrets = Record<string, Record<string, string>>;

export function useDeploy(workflow: N8nWorkflow) {
	const [baseUrl, setBaseUrl] = useState(
		() => localStorage.getItem(BASE_URL_KEY) ?? 'http://localhost:5678',
	);
	const [apiKey, setApiKey] = useState('');
	const [secrets, setSecrets] = useState<Secrets>({});
	const [activate, setActivate] = useState(true);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<ApiError>();
	const [result, setResult] = useState<
		DeployResult & { warnings?: string[]; previousChatUrl?: string }
	>();
	const deployed = useStore(editorStore, (state) => state.deployed);
	// Deployed to this n8n before: that workflow is updated, not copied.
	const previous = deployed && sameN8n(deployed.baseUrl, baseUrl) ? deployed : undefined;
	const actionId = useStore(workspaceStore, (state) => state.current?.id);
	const [takenDown, setTakenDown] = useState(0);
	const { deployments, keyKept } = useEnvironments(actionId, baseUrl, [result, takenDown]);
	// What this deploy updates: the deployment at the address typed, else the one this page made.
	const target = deployments.find((one) => sameN8n(one.baseUrl, baseUrl)) ?? previous;
	/** Unpublishes the deployment at one address (the others stay), and the agent there without it. */
	const takeDown = async (address: string) => {
		if (!actionId) return;
		setBusy(true);
		setError(undefined);
		try {
			await agentApi.backToDraft(actionId, address);
			if (deployed && sameN8n(deployed.baseUrl, address))
				editorStore.set({ deployed: { ...deployed, active: false } });
			setTakenDown((count) => count + 1);
		} catch (caught) {
			setError(caught as ApiError);
		} finally {
			setBusy(false);
		}
	};

	const deploy = async () => {
		setBusy(true);
		setError(undefined);
		try {
			localStorage.setItem(BASE_URL_KEY, baseUrl);
			const request: DeployRequest = {
				workflow,
				baseUrl,
				apiKey,
				activate,
				workflowId: target?.workflowId ?? null,
				...(actionId ? { actionId } : {}),
				...(Object.keys(secrets).length ? { secrets } : {}),
			};
			const answer = await api.deploy(request);
			remember(baseUrl, answer.id, answer.active, answer.chatUrl);
			// The address the Messenger backend had: said when this deploy gave a new one.
			setResult({ ...answer, previousChatUrl: target?.chatUrl });
			setApiKey('');
			setSecrets({});
		} catch (caught) {
			const failure = caught as ApiError;
			// Saved but not published: the next attempt updates that workflow.
			remember(baseUrl, failure.extra?.id, false);
			setError(failure);
		} finally {
			setBusy(false);
		}
	};
	const setSecret = (id: string, field: string, value: string) =>
		setSecrets((all) => ({ ...all, [id]: { ...all[id], [field]: value } }));

	return {
		baseUrl,
		setBaseUrl,
		apiKey,
		setApiKey,
		secrets,
		setSecret,
		activate,
		setActivate,
		busy,
		error,
		result,
		previous: target,
		deployments,
		keyKept,
		takeDown,
		deploy,
	};
}

/**
 * Environments: this action's deployments by address, and whether a key is kept for the address
 * typed (asked 300 ms after the last keystroke); both read again when `refresh` changes.
 */
function useEnvironments(actionId: string | undefined, baseUrl: string, refresh: unknown[]) {
	const [deployments, setDeployments] = useState<DeployInfo[]>([]);
	const [keyKept, setKeyKept] = useState(false);
	useEffect(() => {
		if (!actionId) return;
		api
			.action(actionId)
			.then((action) => setDeployments(Object.values(action.deployments ?? {})))
			.catch(() => setDeployments([]));
	}, [actionId, ...refresh]);
	useEffect(() => {
		setKeyKept(false);
		if (!/^https?:\/\/\S+$/i.test(baseUrl.trim())) return;
		const timer = setTimeout(() => {
			api
				.n8nKeyKept(baseUrl.trim())
				.then((answer) => setKeyKept(answer.kept))
				.catch(() => setKeyKept(false));
		}, 300);
		return () => clearTimeout(timer);
	}, [baseUrl, ...refresh]);
	return { deployments, keyKept };
}

/** Where this action now lives in n8n, so the next "Set live" updates it. */
function remember(baseUrl: string, workflowId: unknown, active: boolean, chatUrl?: string) {
	if (typeof workflowId === 'string')
		editorStore.set({
			deployed: { baseUrl, workflowId, active, ...(chatUrl ? { chatUrl } : {}) },
		});
}

/** The same n8n, whichever way its address was typed (trailing slash, /api/v1). */
function sameN8n(a: string, b: string): boolean {
	const clean = (value: string) =>
		value
			.trim()
			.replace(/\/+$/, '')
			.replace(/\/api\/v1$/, '')
			.toLowerCase();
	return clean(a) === clean(b);
}
