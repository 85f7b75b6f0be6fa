// Fin Trigger takes JSON only. Anything else is refused before the body is read or a secret is
// looked up: n8n has already parsed a multipart body (and consumed its stream) before webhook()
// runs, a form or text body is not what Intercom or a Messenger backend sends, and a request with
// no content type is not one either.
import { accept, refuse, type Outcome } from '../rejection';

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaTypeOf(header: string | string[] | undefined): string {
	const value = Array.isArray(header) ? header[0] : header;
	return (value ?? '').split(';')[0].trim().toLowerCase();
}

export function checkContentType(header: string | string[] | undefined): Outcome<void> {
	if (mediaTypeOf(header) === 'application/json') return accept(undefined);
	return refuse(
		415,
		'unsupported_media_type',
		'Fin Trigger accepts JSON only: send the body with Content-Type: application/json',
	);
}
