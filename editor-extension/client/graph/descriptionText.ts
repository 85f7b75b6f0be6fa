// n8n renders a parameter's description as HTML, so descriptions encode angle brackets as &lt; and
// &gt; (n8n's rule for node descriptions); the canvas shows them as text, so it decodes them.
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

export function descriptionText(description: string): string {
	return description.replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]);
}
