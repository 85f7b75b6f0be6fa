// The local store (server/store.ts): the work survives a restart, secrets are encrypted at rest with a
// key kept outside the data folder, and a missing, wrong or tampered key/file is a clear error.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { secretVariants } from '../../../nodes/public';
import type { RunningServer } from '../../server/app';
import { CredentialFile } from '../../server/store';
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const SECRET = 'shpat_0123456789abcdef-at-rest';
const fixture = restartableServerOnStore();
const restart = fixture.restart;
const store = fixture.store;

async function createCredential(running: RunningServer) {
	const created = await call(running, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Shopify token', data: { token: SECRET } },
	});
	expect(created.status).toBe(201);
	return created.json.id as string;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

it('finds the credentials again after a restart on the same data folder', async () => {
	const id = await createCredential(await restart());
	const again = await restart();
	const listed = await call(again, 'GET', '/api/credentials');
	expect(listed.status).toBe(200);
	expect(listed.json).toEqual([{ id, name: 'Shopify token', type: 'finFixedTokenApi' }]);
	expect(listed.text).not.toContain('shpat_');
	// The secret itself came back intact (read as the server reads it for a run).
	expect(new CredentialFile(store()).load()).toEqual([
		expect.objectContaining({ id, data: expect.objectContaining({ token: SECRET }) }),
	]);
});

it('keeps no secret in the data folder in any encoding, and the key outside it with mode 0600', async () => {
	const running = await restart();
	const id = await createCredential(running);
	await call(running, 'PATCH', `/api/credentials/${id}`, { body: { data: { token: SECRET } } });
	const files = filesUnder(store().dataDir);
	expect(files.length).toBeGreaterThan(0);
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		for (const variant of secretVariants(SECRET)) expect(text).not.toContain(variant);
		expect(text).not.toContain(readFileSync(store().keyFile, 'utf8').trim());
	}
	expect(store().keyFile.startsWith(store().dataDir)).toBe(false);
	expect(statSync(store().keyFile).mode & 0o777).toBe(0o600);
});

it('refuses a tampered ciphertext with an error naming the file, and keeps serving', async () => {
	await createCredential(await restart());
	const file = join(store().dataDir, 'credentials.json');
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	const bytes = Buffer.from(saved.credentials[0].data.ciphertext, 'base64');
	bytes[0] ^= 1;
	saved.credentials[0].data.ciphertext = bytes.toString('base64');
	writeFileSync(file, JSON.stringify(saved));

	const again = await restart();
	const answer = await call(again, 'GET', '/api/credentials');
	expectActionableError(answer, 503);
	expect(answer.json.error).toContain(file);
	expect(answer.json.error).toMatch(/altered|cannot be decrypted/);
	expect((await call(again, 'GET', '/api/health')).status).toBe(200);
});

it('says which key file is missing or wrong instead of crashing', async () => {
	await createCredential(await restart());
	rmSync(store().keyFile);
	let again = await restart();
	let answer = await call(again, 'GET', '/api/credentials');
	expectActionableError(answer, 503);
	expect(answer.json.error).toContain(store().keyFile);
	expect(answer.json.error).toMatch(/missing/);

	writeFileSync(store().keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
	again = await restart();
	answer = await call(again, 'GET', '/api/credentials');
	expectActionableError(answer, 503);
	expect(answer.json.error).toContain(store().keyFile);
	expect((await call(again, 'GET', '/api/health')).status).toBe(200);
});
