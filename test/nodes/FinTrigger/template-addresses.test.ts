// The shipped workflow templates must not fix Fin Trigger's webhook address. n8n 2.40.7 keeps a
// node's webhookId on every import route (the editor's "Import from File" replaces it only for Form
// Trigger nodes; POST /rest/workflows and the public API store it as given), so a webhookId in a
// template would make every installation's test and production address the same, known one.
// Without it, the editor's import gives the node a new random id, and the API routes fall back to
// n8n's <workflow id>/<node name>/fin path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '../../../templates/workflows');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('workflow templates', () => {
	it('exist', () => expect(files.length).toBeGreaterThan(0));

	it.each(files)('%s ships no webhookId', (file) => {
		const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		const fixed = workflow.nodes
			.filter((node: { webhookId?: unknown }) => node.webhookId !== undefined)
			.map((node: { name: string }) => node.name);
		expect(fixed).toEqual([]);
	});
});
