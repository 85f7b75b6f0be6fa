// The API Action's trust settings (issue 11): whether the action reads one customer's data, and
// which unsigned attributes the admin accepts, with the warning n8n and the canvas show for them.
import type { INodeProperties } from 'n8n-workflow';

export const trustProperties: INodeProperties[] = [
	{
		displayName: 'Customer-Specific',
		name: 'customerSpecific',
		type: 'boolean',
		default: true,
		displayOptions: { show: { template: ['custom'] } },
		description:
			"Whether the action reads one customer's data. On: the request must contain at least one signed attribute (the user_hash identifier, a JWT claim or a verified Intercom user's ID), so it is tied to the verified customer. Off only for data that is the same for everyone, like a status page.",
	},
	{
		displayName: 'Unverified Attributes Allowed',
		name: 'unverifiedAttributes',
		type: 'string',
		default: '',
		placeholder: 'user.plan, conversation.language',
		description:
			'Attributes the request may read although no signature vouches for them (comma-separated paths). Every other unsigned attribute in a placeholder is refused.',
		hint: 'Anyone can type an unsigned attribute: never list one that chooses whose data is read (an email, an ID).',
	},
	{
		displayName:
			'Warning: the attributes under "Unverified Attributes Allowed" are whatever the customer (or anyone) sent. Use them only to shape a request that stays tied to a signed attribute, never to pick the customer.',
		name: 'unverifiedAttributesNotice',
		type: 'notice',
		default: '',
		displayOptions: { hide: { unverifiedAttributes: [''] } },
	},
];
