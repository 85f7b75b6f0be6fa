// The runs the Logs view shows, read page by page from the canvas server (GET /api/actions/:id/runs).
import { useCallback, useState } from 'react';

import { api, toApiError, type ApiError } from '../../api/client';
import type { RunList } from '../../../shared/api';

export function useRuns(actionId: string) {
	const [list, setList] = useState<RunList>();
	const [error, setError] = useState<ApiError>();
	const [loading, setLoading] = useState(true);
	/** The newest page, or (with a cursor) the next older one added below. */
	const load = useCallback(
		async (cursor?: string) => {
			setLoading(true);
			setError(undefined);
			try {
				const page = await api.runs(actionId, cursor);
				setList((before) =>
					cursor && before ? { ...page, runs: [...before.runs, ...page.runs] } : page,
				);
			} catch (caught) {
				setError(toApiError(caught, 'Loading the logs'));
			} finally {
				setLoading(false);
			}
		},
		[actionId],
	);
	return { list, error, loading, load };
}
