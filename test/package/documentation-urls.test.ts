// Every documentation link n8n shows for this package (codex `resources` of each node, each
// credential's `documentationUrl`) and package.json's `homepage` point to this README on the
// package's npm page, and every `#anchor` is a heading of README.md, slugged the way npm and GitHub
// slug headings. Links between README.md and docs/*.md (to a file, or to a `#heading` of it) must
// reach too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { loadPackageCredentials } from '../../engine/package-types';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const PAGE = `https://www.npmjs.com/package/${manifest.name}`;

/** GitHub's (and npm's) heading anchor: text without markup, lower case, punctuation dropped, spaces to '-'. */
export function slug(heading: string): string {
	return heading
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** Anchors of a Markdown text's headings (not inside code fences), repeated ones numbered like GitHub. */
export function anchors(markdown: string): string[] {
	const seen = new Map<string, number>();
	const result: string[] = [];
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*```/.test(line)) fenced = !fenced;
		const heading = !fenced && line.match(/^#{1,6}\s+(.+?)\s*#*\s*$/);
		if (!heading) continue;
		const base = slug(heading[1]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.push(count === 0 ? base : `${base}-${count}`);
	}
	return result;
}

/** Every documentation URL the package declares, with where it is declared. */
function documentationUrls(): Array<{ where: string; url: string }> {
	const urls: Array<{ where: string; url: string }> = [];
	for (const nodeFile of manifest.n8n.nodes as string[]) {
		const codexFile = nodeFile.replace(/^dist\//, '').replace(/\.js$/, '.json');
		const codex = JSON.parse(readFileSync(join(root, codexFile), 'utf8'));
		for (const [kind, links] of Object.entries(codex.resources ?? {}))
			for (const link of links as Array<{ url: string }>)
				urls.push({ where: `${codexFile} resources.${kind}`, url: link.url });
	}
	for (const credential of loadPackageCredentials())
		urls.push({
			where: `credential ${credential.name} documentationUrl`,
			url: credential.documentationUrl ?? '(none)',
		});
	urls.push({ where: 'package.json homepage', url: manifest.homepage ?? '(none)' });
	if (manifest.repository)
		urls.push({ where: 'package.json repository', url: manifest.repository.url });
	return urls;
}

describe('documentation URLs', () => {
	it('slugs headings as GitHub and npm do', () => {
		expect(slug('Fin Messenger API')).toBe('fin-messenger-api');
		expect(slug("n8n's generic credentials")).toBe('n8ns-generic-credentials');
		expect(slug('Install into n8n')).toBe('install-into-n8n');
		expect(slug('Quick start: `npm start`')).toBe('quick-start-npm-start');
		expect(slug('Settings → Community Nodes')).toBe('settings--community-nodes');
		expect(anchors('# A\n```\n# not a heading\n```\n## A\n### B c')).toEqual(['a', 'a-1', 'b-c']);
	});

	it('every node has a primary documentation link and every credential a documentationUrl', () => {
		const urls = documentationUrls();
		for (const nodeFile of manifest.n8n.nodes as string[]) {
			const codexFile = nodeFile.replace(/^dist\//, '').replace(/\.js$/, '.json');
			expect(urls.map((url) => url.where)).toContain(`${codexFile} resources.primaryDocumentation`);
		}
		expect(urls.filter((url) => url.where.startsWith('credential '))).toHaveLength(
			manifest.n8n.credentials.length,
		);
	});

	it("every documentation URL is this README on the package's npm page, at an existing heading", () => {
		const headings = anchors(readme);
		const problems = documentationUrls().flatMap(({ where, url }) => {
			if (url === PAGE) return [];
			if (!url.startsWith(`${PAGE}#`))
				return [`${where}: ${url} is not ${PAGE} (with an optional #heading of README.md)`];
			const anchor = url.slice(PAGE.length + 1);
			return headings.includes(anchor)
				? []
				: [`${where}: README.md has no heading with the anchor #${anchor}`];
		});
		expect(problems).toEqual([]);
	});

	it('links inside README.md and docs/*.md reach their file and #heading', () => {
		const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)];
		const links = pages.flatMap((page) =>
			[...readFileSync(join(root, page), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)]
				.map((match) => match[1])
				.filter((target) => !/^[a-z]+:/.test(target))
				.map((target) => ({ page, target })),
		);
		expect(links.filter(({ target }) => target.startsWith('#')).length).toBeGreaterThan(0);
		const broken = links.filter(({ page, target }) => {
			const [path, anchor] = target.split('#');
			const file = path ? relative(root, join(root, dirname(page), path)) : page;
			if (!existsSync(join(root, file))) return true;
			return (
				anchor !== undefined && !anchors(readFileSync(join(root, file), 'utf8')).includes(anchor)
			);
		});
		expect(broken).toEqual([]);
	});
});
