// Where the server finds what it serves: the repository (nodes, icons, templates) and the built client.
import { join } from 'node:path';

/** Repository root: editor-extension/server -> ../.. */
export const REPO_ROOT = join(__dirname, '..', '..');
export const ICONS_DIR = join(REPO_ROOT, 'icons');
export const WORKFLOW_TEMPLATES_DIR = join(REPO_ROOT, 'templates', 'workflows');
export const ACTION_TEMPLATES_DIR = join(REPO_ROOT, 'templates', 'actions');
/** Vite's outDir for the client (git-ignored). */
export const CLIENT_DIST_DIR = join(__dirname, '..', 'dist');
