// Environment n8n-core needs before it is loaded (same values as test/setup-env.ts): its instance
// settings go to a throw-away folder instead of the user's ~/.n8n, and no task runners or telemetry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'fin-actions-canvas-'));
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
