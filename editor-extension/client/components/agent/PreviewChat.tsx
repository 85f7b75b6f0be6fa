// "Preview chat": chat with the workspace agent as a chosen test customer, in-process on the canvas
// server (no n8n needed): the same model, tool descriptions and live actions as the live agent, plus
// the action being built. Each message is answered on its own, as the live agent (no memory) does.
// Enter sends; the focus stays in the message field; replies are announced (role="log").
import { useRef, useState, type FormEvent } from 'react';

import { ApiError, previewChat } from '../../api/client';
import { currentWorkflow } from '../../state/editor';
import { useStore } from '../../state/store';
import { testValuesStore } from '../../state/testValues';
import { workspaceStore } from '../../state/workspace';
import { Modal } from '../common/Modal';
import { PreviewChatTurn, type ChatTurn } from './PreviewChatTurn';

type CustomerChoice = 'canvas' | 'other';

function label(user: Record<string, unknown>): string {
	const id = user.user_id ?? user.id;
	const email = user.email;
	return [id, email].filter((part) => typeof part === 'string' && part).join(', ') || 'no id';
}

export function PreviewChat({ onClose }: { onClose: () => void }) {
	const values = useStore(testValuesStore, (state) => state.values);
	const actionId = useStore(workspaceStore, (state) => state.current?.id);
	const [choice, setChoice] = useState<CustomerChoice>('canvas');
	const [otherId, setOtherId] = useState('');
	const [otherEmail, setOtherEmail] = useState('');
	const [message, setMessage] = useState('');
	const [turns, setTurns] = useState<ChatTurn[]>([]);
	const [busy, setBusy] = useState(false);
	const input = useRef<HTMLInputElement>(null);
	const nextId = useRef(1);

	const user =
		choice === 'canvas'
			? values.user
			: { user_id: otherId.trim(), ...(otherEmail.trim() ? { email: otherEmail.trim() } : {}) };
	const customerMissing = choice === 'other' && !otherId.trim();

	async function send(event: FormEvent) {
		event.preventDefault();
		const text = message.trim();
		if (!text || busy || customerMissing) return;
		const workflow = currentWorkflow();
		const turn: ChatTurn = { id: nextId.current++, message: text, customer: label(user) };
		setBusy(true);
		setMessage('');
		try {
			turn.reply = await previewChat({
				draft: { name: (workflow.name ?? '').trim() || 'New action', workflow },
				...(actionId ? { actionId } : {}),
				testValues: {
					user,
					company: values.company,
					conversation: values.conversation,
				},
				message: text,
			});
		} catch (error) {
			turn.error = error instanceof ApiError ? error : new ApiError(String(error), 'Try again.');
		} finally {
			setTurns((previous) => [...previous, turn]);
			setBusy(false);
			input.current?.focus();
		}
	}

	return (
		<Modal title="Preview chat" onClose={onClose} testId="preview-chat" wide>
			<p className="field__hint">
				Chat with your AI agent as a test customer: it has every live action and this one, with the
				model set in “AI agent settings” on the home screen. Real requests go to your APIs for this
				test customer only.
			</p>
			<fieldset className="field" data-testid="preview-chat-customer">
				<legend className="field__label">Test customer</legend>
				<label className="checkbox-line">
					<input
						type="radio"
						name="preview-chat-customer"
						checked={choice === 'canvas'}
						onChange={() => setChoice('canvas')}
						data-testid="preview-chat-customer-canvas"
					/>
					The test values of this canvas ({label(values.user)})
				</label>
				<label className="checkbox-line">
					<input
						type="radio"
						name="preview-chat-customer"
						checked={choice === 'other'}
						onChange={() => setChoice('other')}
						data-testid="preview-chat-customer-other"
					/>
					Another test customer
				</label>
				{choice === 'other' && (
					<>
						<label htmlFor="preview-chat-user-id">User ID</label>
						<input
							id="preview-chat-user-id"
							className="input"
							value={otherId}
							onChange={(event) => setOtherId(event.target.value)}
							data-testid="preview-chat-user-id"
						/>
						<label htmlFor="preview-chat-email">Email</label>
						<input
							id="preview-chat-email"
							className="input"
							value={otherEmail}
							onChange={(event) => setOtherEmail(event.target.value)}
							data-testid="preview-chat-email"
						/>
					</>
				)}
			</fieldset>
			<div
				className="preview-chat__log"
				role="log"
				aria-live="polite"
				aria-label="Preview chat conversation"
				data-testid="preview-chat-log"
			>
				{turns.map((turn) => (
					<PreviewChatTurn key={turn.id} turn={turn} />
				))}
				{busy && <p className="field__hint">The agent is answering…</p>}
			</div>
			<form className="field" onSubmit={(event) => void send(event)}>
				<label htmlFor="preview-chat-message" className="field__label">
					Message
				</label>
				<input
					id="preview-chat-message"
					ref={input}
					className="input"
					value={message}
					onChange={(event) => setMessage(event.target.value)}
					placeholder="e.g. Where is my order 1001?"
					autoComplete="off"
					autoFocus
					data-testid="preview-chat-message"
				/>
				{customerMissing && (
					<p className="field__error">Enter the test customer's user ID first.</p>
				)}
				<button
					type="submit"
					className="button button--primary"
					disabled={busy || !message.trim() || customerMissing}
					data-testid="preview-chat-send"
				>
					Send
				</button>
			</form>
		</Modal>
	);
}
