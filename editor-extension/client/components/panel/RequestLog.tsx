// The HTTP requests an API Action made in the last test (secrets already redacted by the server).
import { JsonView } from '../common/JsonView';

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
						<JsonView value={{ headers: request.headers, query: request.qs, body: request.body }} />
					</details>
				);
			})}
		</div>
	);
}
