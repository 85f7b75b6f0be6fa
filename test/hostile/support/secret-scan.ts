// Issue 17.5: every place the suite saw (answers, stored executions, n8n's log, exported workflows,
// errors) is searched for each secret in every encoding a request can carry it in: raw, URL-,
// form-, base64- and hex-encoded (nodes/shared/redact.ts secretVariants, the same list the nodes
// redact). Texts are scanned as they come and not kept; findings name the secret, never show it.
import { readFileSync } from 'node:fs';

import { secretVariants } from '../../../nodes/shared/redact';

export interface Finding {
	place: string;
	secret: string;
	/** Index of the variant in secretVariants (0 = raw). */
	variant: number;
}

export class Produced {
	private readonly variants: Array<{ name: string; forms: string[] }>;
	readonly findings: Finding[] = [];
	places = 0;
	/** Places scanned, by kind. */
	readonly byKind: Record<string, number> = {};

	/** @param secrets by name (the name is what a finding shows). */
	constructor(secrets: Record<string, string>) {
		this.variants = Object.entries(secrets).map(([name, secret]) => ({
			name,
			forms: secretVariants(secret),
		}));
	}

	add(kind: string, text: string): void {
		this.places++;
		this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
		for (const { name, forms } of this.variants) {
			const variant = forms.findIndex((form) => text.includes(form));
			if (variant !== -1)
				this.findings.push({ place: `${kind} #${this.places}`, secret: name, variant });
		}
	}

	addFile(kind: string, path: string): void {
		this.add(kind, readFileSync(path, 'utf8'));
	}
}
