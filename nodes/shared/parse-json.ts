// JSON.parse as a result instead of an exception, so callers raise their own named error.
export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(text: string): ParsedJson {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}
}
