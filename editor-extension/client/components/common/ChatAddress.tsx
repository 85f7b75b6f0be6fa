// Where the Messenger backend sends each chat message: the Fin Trigger's production URL in n8n, with a
// Copy button and the request it must send (a message, the user, and Intercom's identity proof). The
// address is kept across updates; a workflow created again in n8n gets a new one, said here.
import { useId, useState } from 'react';

/** The request a Messenger backend sends (README, Fin Trigger): user_hash or a Messenger JWT. */
export function chatRequest(url: string): string {
	const body = {
		message: { text: 'Where is my order?' },
		user: { user_id: '<the signed-in customer’s id>', email: '<their email>' },
		user_hash: '<hex HMAC-SHA256 of user_id with your identity verification secret>',
	};
	return [
		`POST ${url}`,
		'Content-Type: application/json',
		'(or, instead of user_hash: Authorization: Bearer <Messenger JWT, HS256>)',
		'',
		JSON.stringify(body, null, 2),
	].join('\n');
}

export function ChatAddress({
	url,
	changed,
	testId = 'chat-address',
}: {
	url: string;
	/** This deploy gave a new address (the workflow was created again); `from`: the old one, if known. */
	changed?: { from?: string };
	testId?: string;
}) {
	const id = useId();
	const [copied, setCopied] = useState(false);
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(url);
			setCopied(true);
		} catch {
			// No clipboard (an http page, or denied): select it for Ctrl+C.
			(document.getElementById(id) as HTMLInputElement | null)?.select();
		}
	};
	return (
		<div className="chat-address" data-testid={testId}>
			<label className="field__label" htmlFor={id}>
				Chat address (production URL)
			</label>
			<div className="chat-address__row">
				<input
					id={id}
					className="input"
					readOnly
					value={url}
					onFocus={(event) => event.currentTarget.select()}
					data-testid={`${testId}-url`}
				/>
				<button
					type="button"
					className="button button--small"
					onClick={() => void copy()}
					data-testid={`${testId}-copy`}
				>
					{copied ? 'Copied' : 'Copy'}
				</button>
			</div>
			{changed && changed.from !== url && (
				<p
					className="field__hint field__hint--warning"
					role="status"
					data-testid={`${testId}-changed`}
				>
					The chat address changed{changed.from ? ` (it was ${changed.from})` : ''}: n8n created the
					workflow again. Give the new one to your Messenger backend; the old one no longer answers.
				</p>
			)}
			<details>
				<summary>The request your Messenger backend sends</summary>
				<pre className="chat-address__request" data-testid={`${testId}-request`}>
					{chatRequest(url)}
				</pre>
			</details>
		</div>
	);
}
