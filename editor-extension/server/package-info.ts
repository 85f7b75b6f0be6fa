// What the canvas needs to know about the package: node descriptions (the client renders its forms
// only from these), credential types and icons. Classes are loaded through the engine module (engine/), the
// same way tests and runWorkflow load them, so the canvas always shows the code as written.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { loadPackageCredentials, loadPackageNodes, PACKAGE_NAME } from '../../engine';
import { HttpError, sendJson } from './http';
import { ICONS_DIR } from './paths';
import type { Router } from './router';

/** Icon file names: one plain name ending in .svg, so no path can leave icons/. */
const ICON_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,100}\.svg$/;

function underConstruction(what: string, error: unknown): HttpError {
	return new HttpError(
		503,
		`The package's ${what} cannot be loaded: ${(error as Error).message}`,
		'A node or credential file named in package.json is missing or broken; wait for it (or fix it) and reload.',
	);
}

export function packageNodes(): INodeType[] {
	try {
		return loadPackageNodes();
	} catch (error) {
		throw underConstruction('nodes', error);
	}
}

export function packageCredentials(): ICredentialType[] {
	try {
		return loadPackageCredentials();
	} catch (error) {
		throw underConstruction('credential types', error);
	}
}

/** `file:../../icons/x.svg` or `{ light, dark }` -> the served URL of x.svg, if that icon exists. */
function iconUrl(icon: unknown): string | undefined {
	if (typeof icon !== 'string' || !icon.startsWith('file:')) return undefined;
	const file = basename(icon.slice('file:'.length));
	return ICON_NAME.test(file) && existsSync(join(ICONS_DIR, file))
		? `/api/icons/${file}`
		: undefined;
}

/** A JSON copy of a description: functions (e.g. routing hooks) cannot travel and are dropped. */
function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export function nodeDescriptions() {
	return packageNodes().map((node) => {
		const description = plain(node.description) as INodeTypeDescription & {
			iconUrl?: string;
			iconUrlDark?: string;
		};
		const icon = description.icon as unknown;
		if (icon && typeof icon === 'object') {
			description.iconUrl = iconUrl((icon as { light?: string }).light);
			description.iconUrlDark = iconUrl((icon as { dark?: string }).dark);
		} else {
			description.iconUrl = iconUrl(icon);
		}
		return { type: `${PACKAGE_NAME}.${node.description.name}`, description };
	});
}

export function addPackageRoutes(router: Router) {
	router.add('GET', '/api/nodes', ({ res }) => sendJson(res, 200, nodeDescriptions()));

	router.add('GET', '/api/credential-types', ({ res }) => {
		sendJson(
			res,
			200,
			packageCredentials().map((type) =>
				plain({ name: type.name, displayName: type.displayName, properties: type.properties }),
			),
		);
	});

	router.add('GET', '/api/icons/:file', ({ res, params }) => {
		const hint = 'Use the iconUrl given by GET /api/nodes.';
		if (!ICON_NAME.test(params.file))
			throw new HttpError(400, `"${params.file}" is not an icon file name`, hint);
		const path = join(ICONS_DIR, params.file);
		if (!existsSync(path)) throw new HttpError(404, `No icon named "${params.file}"`, hint);
		const svg = readFileSync(path);
		res.writeHead(200, {
			'content-type': 'image/svg+xml',
			'content-length': svg.length,
			'cache-control': 'no-cache',
			'x-content-type-options': 'nosniff',
			// An SVG opened directly must not run scripts with the canvas's origin.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
		});
		res.end(svg);
	});
}
