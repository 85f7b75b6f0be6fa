// A text field's value while typing; committed on blur (one undo step per edit, not per key).
import { useEffect, useState } from 'react';

export function useDraft(value: string): [string, (next: string) => void] {
	const [draft, setDraft] = useState(value);
	useEffect(() => setDraft(value), [value]);
	return [draft, setDraft];
}
