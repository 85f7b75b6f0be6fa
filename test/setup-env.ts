// Environment n8n-core reads when it is loaded, set before each test file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The run's temp root (test/global-setup.ts), removed when the run ends.
const root = process.env.FIN_ACTIONS_TEST_TMP ?? tmpdir();

// n8n-core writes its instance settings under N8N_USER_FOLDER: keep them out of the user's home.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(root, 'n8n-'));
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// n8n's logger (@n8n/backend-common, also behind n8n-workflow's LoggerProxy) writes to a file of its
// own per test file, at every level, instead of the console: the run prints only jest's report, and a
// test can read exactly what n8n logged (test/n8n-log.ts).
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FILE_LOCATION = join(mkdtempSync(join(root, 'n8n-log-')), 'n8n.log');

// The canvas server's store (editor-extension/server/store.ts) and its key: under the run's temp root,
// never the repository's .canvas-data/ and .canvas-key.
process.env.CANVAS_DATA_DIR ??= join(mkdtempSync(join(root, 'canvas-data-')), 'data');
process.env.CANVAS_KEY_FILE ??= join(mkdtempSync(join(root, 'canvas-key-')), 'key');
