// n8n-core writes its instance settings under N8N_USER_FOLDER: keep them out of the user's home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'fin-actions-n8n-'));
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
