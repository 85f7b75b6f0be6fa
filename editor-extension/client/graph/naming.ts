// Unique node names, the way n8n makes them: "API Action", then "API Action1", "API Action2"...
export function uniqueName(wanted: string, taken: Iterable<string>): string {
	const names = new Set(taken);
	const name = wanted.trim() || 'Node';
	if (!names.has(name)) return name;
	const base = name.replace(/\d+$/, '');
	let counter = 1;
	while (names.has(`${base}${counter}`)) counter++;
	return `${base}${counter}`;
}
