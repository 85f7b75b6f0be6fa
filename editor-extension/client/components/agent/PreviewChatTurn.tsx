// One turn of the preview chat: the message, the agent's reply, and per tool call the action the
// model chose, its inputs, the request (secrets redacted by the server) and the picked answer; or
// that the model chose no action; or what was missing.
import type { AgentPreviewReply, PreviewToolCall } from '../../../shared/api';
import type { ApiError } from '../../api/client';
import { JsonView } from '../common/JsonView';

export interface ChatTurn {
	id: number;
	message: string;
	customer: string;
	reply?: AgentPreviewReply;
	error?: ApiError;
}

const OUTCOME_TEXT: Record<PreviewToolCall['outcome'], string> = {
	succeeded: 'answered',
	failed: 'failed',
	'not available': 'not available to this customer',
};

function ToolCallView({ call, index }: { call: PreviewToolCall; index: number }) {
	return (
		<li className="preview-chat__call" data-testid="preview-chat-call">
			<p>
				<strong>Action used: {call.action}</strong> (tool <code>{call.tool}</code>),{' '}
				<span data-testid="preview-chat-call-outcome">{OUTCOME_TEXT[call.outcome]}</span>
			</p>
			<p className="field__hint">Inputs the model sent</p>
			<JsonView value={call.input} testId={`preview-chat-call-input-${index}`} maxHeight={120} />
			{call.requests.map((request, requestIndex) => (
				<p key={requestIndex} className="field__hint" data-testid="preview-chat-call-request">
					Request: <code>{`${request.method} ${request.url}`}</code>
					{request.status !== undefined ? ` → HTTP ${request.status}` : ''}
				</p>
			))}
			{call.outcome === 'succeeded' ? (
				<>
					<p className="field__hint">Picked answer the model received</p>
					<JsonView
						value={call.answer ?? null}
						testId={`preview-chat-call-answer-${index}`}
						maxHeight={160}
					/>
				</>
			) : (
				<p className="field__error">{call.error}</p>
			)}
		</li>
	);
}

export function PreviewChatTurn({ turn }: { turn: ChatTurn }) {
	const { reply, error } = turn;
	return (
		<article className="preview-chat__turn" data-testid="preview-chat-turn">
			<p>
				<strong>Customer ({turn.customer}):</strong> {turn.message}
			</p>
			{error && (
				<div className="run-error" role="alert" data-testid="preview-chat-error">
					<strong>{error.message}</strong>
					<p>{error.hint}</p>
				</div>
			)}
			{reply && (
				<>
					<p data-testid="preview-chat-reply">
						<strong>Agent:</strong> {reply.reply || '(no text)'}
					</p>
					{reply.calls.length === 0 ? (
						<p className="field__hint" data-testid="preview-chat-no-action">
							No action chosen: the model answered without calling any action.
						</p>
					) : (
						<ol className="preview-chat__calls" aria-label="Actions the model called">
							{reply.calls.map((call, index) => (
								<ToolCallView key={index} call={call} index={index} />
							))}
						</ol>
					)}
					<p className="field__hint" data-testid="preview-chat-available">
						Available to this customer:{' '}
						{reply.available.length ? reply.available.join(', ') : 'no action'}. Used in the reply:{' '}
						{reply.usedInReply.length ? reply.usedInReply.join(', ') : 'none'}.
					</p>
					{reply.warnings.map((warning) => (
						<p key={warning} className="field__error">
							{warning}
						</p>
					))}
				</>
			)}
		</article>
	);
}
