// Credentials are write-only: what is sent in `data` never comes back in any answer.
import type { RunningServer } from '../../server/app';
import { call, expectActionableError, startTestServer } from './helpers';

let server: RunningServer;
beforeEach(async () => {
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
});

const SECRET = 'shpat_0123456789abcdef-secret';

it('lists the package credential types with their properties', async () => {
	const answer = await call(server, 'GET', '/api/credential-types');
	expect(answer.status).toBe(200);
	const names = answer.json.map((type: { name: string }) => type.name).sort();
	expect(names).toEqual(['finDynamicTokenApi', 'finFixedTokenApi', 'finMessengerApi']);
	const fixed = answer.json.find((type: { name: string }) => type.name === 'finFixedTokenApi');
	expect(fixed.displayName).toBeTruthy();
	expect(
		fixed.properties.find((property: { name: string }) => property.name === 'token').typeOptions
			.password,
	).toBe(true);
});

it('creates, lists, renames, updates and deletes without ever answering a secret', async () => {
	const created = await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finFixedTokenApi',
			name: 'Shopify token',
			data: { token: SECRET, placement: 'header', headerName: 'X-Shopify-Access-Token' },
		},
	});
	expect(created.status).toBe(201);
	expect(created.json).toEqual({
		id: expect.stringMatching(/^local_/),
		name: 'Shopify token',
		type: 'finFixedTokenApi',
	});
	const { id } = created.json;

	const listed = await call(server, 'GET', '/api/credentials');
	expect(listed.json).toEqual([{ id, name: 'Shopify token', type: 'finFixedTokenApi' }]);

	const renamed = await call(server, 'PATCH', `/api/credentials/${id}`, {
		body: { name: 'Shopify (demo)', data: { token: `${SECRET}-2` } },
	});
	expect(renamed.json).toEqual({ id, name: 'Shopify (demo)', type: 'finFixedTokenApi' });

	for (const answer of [created, listed, renamed]) {
		expect(answer.text).not.toContain('shpat_');
		expect(answer.text).not.toContain('X-Shopify-Access-Token');
	}

	const deleted = await call(server, 'DELETE', `/api/credentials/${id}`);
	expect(deleted.json).toEqual({ id, name: 'Shopify (demo)', type: 'finFixedTokenApi' });
	expect((await call(server, 'GET', '/api/credentials')).json).toEqual([]);
	expectActionableError(await call(server, 'DELETE', `/api/credentials/${id}`), 404);
});

it('refuses unknown types, unknown fields, nested values and duplicate names, saying what to do', async () => {
	expectActionableError(
		await call(server, 'POST', '/api/credentials', { body: { type: 'nope', name: 'x', data: {} } }),
		400,
	);
	const unknownField = await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'x', data: { token: SECRET, password: 'p' } },
	});
	expectActionableError(unknownField, 400);
	expect(unknownField.json.error).toContain('password');
	expect(unknownField.text).not.toContain(SECRET);
	expectActionableError(
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'x', data: { token: { nested: true } } },
		}),
		400,
	);
	expectActionableError(
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', data: {} },
		}),
		400,
	);
	await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Same', data: {} },
	});
	expectActionableError(
		await call(server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'Same', data: {} },
		}),
		409,
	);
	const list = await call(server, 'GET', '/api/credentials');
	expect(list.json.map((entry: { name: string }) => entry.name)).toEqual(['Same']);
	expectActionableError(
		await call(server, 'PATCH', `/api/credentials/${list.json[0].id}`, {
			body: { type: 'finDynamicTokenApi' },
		}),
		400,
	);
});

it('keeps credentials per server process only', async () => {
	await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finMessengerApi',
			name: 'Messenger',
			data: { identityVerificationSecret: SECRET },
		},
	});
	const other = await startTestServer();
	try {
		expect((await call(other, 'GET', '/api/credentials')).json).toEqual([]);
	} finally {
		await other.close();
	}
});
