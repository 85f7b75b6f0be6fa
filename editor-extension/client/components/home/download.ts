// Saves a JSON value as a file the browser downloads (template files, workflows for n8n).
export function downloadJson(fileName: string, value: unknown): void {
	const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a title: lower case, words joined by dashes. */
export function fileNameOf(title: string, suffix: string): string {
	const base = title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return `${base || 'template'}${suffix}`;
}
