// The one n8n the end-to-end files share (started by global-setup.ts, stopped by
// global-teardown.ts): what a file needs to attach to it, passed through the environment.
import type { EditorLogin } from '../../../real-n8n/n8n-api';
import type { InstalledPackage } from '../../../real-n8n/package';

export interface SharedN8n {
	url: string;
	port: number;
	apiKey: string;
	/** The owner's editor login, made once by the global setup (n8n rate-limits logins). */
	login: EditorLogin;
	logPath: string;
	userFolder: string;
	installed: InstalledPackage;
}

export const SHARED_N8N_ENV = 'FIN_E2E_N8N';

/** A file that failed leaves this mark, so the teardown keeps n8n's user folder and log. */
export const FAILED_MARK = '.failed';

export function sharedN8n(): SharedN8n | undefined {
	const value = process.env[SHARED_N8N_ENV];
	return value ? (JSON.parse(value) as SharedN8n) : undefined;
}
