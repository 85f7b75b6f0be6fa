// Beside the field tree (issue 15): what the AI would see from the last test's response with the
// fields ticked so far, recomputed by the server with the nodes' own fields module on every change.
import { useEffect, useState } from 'react';

import { api, toApiError } from '../../api/client';
import { collectionEntries } from '../../graph/parameters';
import type { PickerSlots } from '../../graph/pointers';
import { JsonView } from '../common/JsonView';

interface Props {
	response: unknown;
	parameters: Record<string, unknown>;
	slots: PickerSlots;
	typeVersion: number;
}

export function AnswerPreview({ response, parameters, slots, typeVersion }: Props) {
	const fields = collectionEntries(
		parameters[slots.property.name],
		slots.option.name,
		slots.property.typeOptions?.multipleValues !== false,
	);
	const shape = typeof parameters.answerShape === 'string' ? parameters.answerShape : undefined;
	const key = JSON.stringify([fields, shape, typeVersion]);
	const [state, setState] = useState<{ answer?: unknown; error?: string; key?: string }>({});
	useEffect(() => {
		if (fields.length === 0) return;
		const abort = new AbortController();
		// A short pause, so quick ticks make one request.
		const timer = setTimeout(() => {
			api
				.answerPreview({ response, fields, answerShape: shape, typeVersion }, abort.signal)
				.then((result) => setState({ answer: result.answer, key }))
				.catch((error: unknown) => {
					if (!abort.signal.aborted)
						setState({ error: toApiError(error, 'Previewing the answer').message, key });
				});
		}, 120);
		return () => {
			clearTimeout(timer);
			abort.abort();
		};
		// `key` stands for fields, shape and version.
	}, [key, response]);
	const current = state.key === key;
	return (
		<section className="answer-preview" aria-labelledby="answer-preview-title">
			<h3 id="answer-preview-title">Answer preview</h3>
			<p className="field__hint">What the AI sees from this response with the ticked fields.</p>
			<div
				aria-live="polite"
				data-testid="answer-preview"
				data-current={current && fields.length > 0}
			>
				{fields.length === 0 ? (
					<p className="muted">Nothing yet: tick a field and it appears here.</p>
				) : state.error && current ? (
					<p className="field__error">{state.error}</p>
				) : (
					<JsonView
						value={state.answer ?? {}}
						label="Answer preview"
						testId="answer-preview-json"
						maxHeight={520}
					/>
				)}
			</div>
		</section>
	);
}
