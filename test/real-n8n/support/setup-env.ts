// Set before each e2e file. The canvas suites run the canvas server in this process, and with it
// n8n-core's engine for canvas tests: n8n's logger writes to a file among the e2e artefacts instead
// of the console, so the run prints only jest's report (a failing API in a canvas test is logged),
// and n8n-core's instance folder is a temp folder removed after the file (the server's own 'exit'
// cleanup never runs under jest, whose `process` is a stand-in).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const artifacts = join(__dirname, '..', '..', '..', 'test-artifacts', 'e2e');
mkdirSync(artifacts, { recursive: true });
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_FILE_LOCATION = join(artifacts, 'canvas-engine.log');

const userFolder = mkdtempSync(join(tmpdir(), 'fin-actions-e2e-engine-'));
process.env.N8N_USER_FOLDER = userFolder;
afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
