// Under an API Action's URL (or a template's fields): the URL it would call for the test customer.
import type { previewUrl } from '../../graph/placeholderHelp';

/** The URL as the API Action would call it for the test customer (its own request builder). */
export function UrlPreview({ preview }: { preview: ReturnType<typeof previewUrl> }) {
	return (
		<p className="url-preview" aria-live="polite" data-testid="url-preview">
			{preview.ok ? (
				<>
					<span className="muted">For the test customer: </span>
					<code>{preview.url}</code>
				</>
			) : (
				<span className="field__error">{preview.problem}</span>
			)}
		</p>
	);
}
