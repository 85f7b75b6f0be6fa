// The HTTP requests an API Action made in the last test and the API's replies (status, headers and
// the body's start; secrets already redacted by the server, bodies carrying one withheld).
import type { RecordedReply } from '../../api/types';
import { JsonView } from '../common/JsonView';

function kib(bytes: number): string {
	return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function Reply({ reply }: { reply: RecordedReply }) {
	return (
		<section className="request__part" data-testid="request-reply">
			<h4>
				Response{' '}
				<span className="muted">
					{reply.status ?? ''} · {kib(reply.bytes)}
				</span>
			</h4>
			<p className="request__sub">Headers</p>
			<JsonView value={reply.headers} label="Response headers" maxHeight={180} />
			{reply.truncated && (
				<p className="field__hint" data-testid="request-reply-truncated">
					The body is longer than the canvas keeps: only its first 64 KiB are shown.
				</p>
			)}
			<p className="request__sub">Body</p>
			<JsonView value={reply.body ?? ''} label="Response body" maxHeight={320} />
		</section>
	);
}

export function RequestLog({ requests }: { requests: Array<Record<string, unknown>> | undefined }) {
	if (!requests || requests.length === 0) {
		return (
			<p className="muted" data-testid="request-log">
				No request was sent. With “Response Source: Mock” the node answers without calling the API.
			</p>
		);
	}
	return (
		<div data-testid="request-log">
			{requests.map((request, index) => {
				const status = request.status as number | undefined;
				const ok = status !== undefined && status < 400 && !request.error;
				const reply = request.response as RecordedReply | undefined;
				return (
					<details key={index} className="request" open={index === requests.length - 1}>
						<summary>
							<span className={`pill ${ok ? 'pill--success' : 'pill--error'}`}>
								{status ?? 'failed'}
							</span>
							<code>{String(request.method ?? 'GET')}</code>{' '}
							<span className="request__url">{String(request.url ?? '')}</span>
						</summary>
						{Boolean(request.error) && <p className="field__error">{String(request.error)}</p>}
						<section className="request__part">
							<h4>Request</h4>
							<JsonView
								value={{ headers: request.headers, query: request.qs, body: request.body }}
								label="Request"
							/>
						</section>
						{reply ? <Reply reply={reply} /> : <p className="muted">No reply was received.</p>}
					</details>
				);
			})}
		</div>
	);
}
