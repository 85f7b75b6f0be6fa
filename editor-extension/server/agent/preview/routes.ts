// POST /api/agent/preview: one turn of the preview chat (preview.ts), as the chosen test customer.
import { agentPreviewBody } from '../../../shared/api';
import type { CredentialStore } from '../../credentials';
import { readJsonObject, sendJson } from '../../http';
import type { Router } from '../../router';
import type { StorePaths } from '../../store';
import { validBody } from '../../validate';
import { runPreview } from './preview';

const PREVIEW_EXAMPLE =
	'{"draft": {"name": "Order status", "workflow": {"nodes": [...], "connections": {...}}}, "testValues": {"user": {"user_id": "..."}}, "message": "Where is my order?"}';

export function addAgentPreviewRoutes(router: Router, paths: StorePaths, store: CredentialStore) {
	router.add('POST', '/api/agent/preview', async ({ req, res }) => {
		const body = validBody(agentPreviewBody, await readJsonObject(req), PREVIEW_EXAMPLE);
		sendJson(res, 200, await runPreview(body, paths, store));
	});
}
