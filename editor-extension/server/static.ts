// Serves the built client (editor-extension/dist). Unknown paths without a file extension get
// index.html, so client-side routes survive a reload; missing assets are real 404s.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

import { HttpError } from './http';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.map': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
};

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

export function serveStatic(
	req: IncomingMessage,
	res: ServerResponse,
	pathname: string,
	distDir: string,
) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		throw new HttpError(
			405,
			`${req.method} is not supported for ${pathname}`,
			'Pages and assets are read with GET; the API lives under /api/.',
			{ allow: 'GET, HEAD' },
		);
	}
	const index = join(distDir, 'index.html');
	if (!existsSync(index)) {
		throw new HttpError(
			503,
			'The canvas is not built yet (editor-extension/dist is missing)',
			'Run npm run build -w editor-extension (or npm start -w editor-extension), then reload.',
		);
	}
	const file = fileFor(pathname, distDir, index);
	sendFile(req, res, file, distDir);
}

/** The file under dist a path names; index.html for a page route (no extension). */
function fileFor(pathname: string, distDir: string, index: string): string {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		throw new HttpError(400, `"${pathname}" is not a valid path`, 'Open the canvas at /.');
	}
	// normalize() resolves "..", and the prefix check keeps every file inside dist.
	const candidate = normalize(join(distDir, decoded));
	const inside =
		candidate === distDir || candidate.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep);
	if (!inside || decoded.includes('\0'))
		throw new HttpError(400, `"${pathname}" is not a valid path`, 'Open the canvas at /.');

	let file = candidate;
	if (!isFile(file)) {
		if (extname(decoded))
			throw new HttpError(
				404,
				`No file ${pathname}`,
				'Rebuild the canvas (npm run build -w editor-extension) and reload the page.',
			);
		file = index;
	}
	return file;
}

/** The file with its type and caching; HEAD gets the headers only. */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, distDir: string) {
	const type = TYPES[extname(file)] ?? 'application/octet-stream';
	res.writeHead(200, {
		'content-type': type,
		'content-length': statSync(file).size,
		'x-content-type-options': 'nosniff',
		// Vite fingerprints everything under assets/; index.html must always be fresh.
		'cache-control': file.startsWith(join(distDir, 'assets') + sep)
			? 'public, max-age=31536000, immutable'
			: 'no-cache',
	});
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	createReadStream(file)
		.on('error', () => res.destroy())
		.pipe(res);
}
