// The home list's template cards (GET /api/templates): each says what its template does in one
// sentence of its own, the AI Agent template included (offered as a file for n8n, not opened here).
import type { RunningServer } from '../../server/app';
import { call, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

interface Card {
	id: string;
	name: string;
	description: string;
	n8nOnly?: boolean;
}

it('every template card has one sentence of its own, and the AI Agent template is listed for n8n', async () => {
	const answer = await call(server, 'GET', '/api/templates');
	expect(answer.status).toBe(200);
	const cards = answer.json as Card[];
	expect(cards.find((card) => card.id === 'ai-agent-order-status-and-incidents')).toMatchObject({
		n8nOnly: true,
		description: expect.stringMatching(/AI Agent/),
	});
	for (const card of cards) {
		// One sentence: it ends with a full stop and has no other sentence end or line in it.
		expect({ id: card.id, description: card.description }).toEqual({
			id: card.id,
			description: expect.stringMatching(/^[A-Z][^\n]*[^.!?\n]\.$/),
		});
		expect({ id: card.id, stops: card.description.split(/[.!?]\s/).length }).toEqual({
			id: card.id,
			stops: 1,
		});
		expect(card.description.length).toBeLessThanOrEqual(200);
	}
	// Distinct: no two cards say the same, or begin with the same four words.
	const starts = cards.map((card) => card.description.split(' ').slice(0, 4).join(' '));
	expect(new Set(starts).size).toBe(cards.length);
	expect(cards.filter((card) => !card.n8nOnly).length).toBeGreaterThanOrEqual(8);
});
