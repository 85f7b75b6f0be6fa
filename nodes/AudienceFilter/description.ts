// The Audience Filter's parameters: who gets an action (status, test accounts, rules, rollout).
// The API Action shares them as a tool's "Audience" (nodes/ApiAction/tool-audience.ts).
import type { INodeProperties } from 'n8n-workflow';

import type { Operator } from './rules';

const OPERATOR_OPTIONS: Array<{ name: string; value: Operator; description: string }> = [
	{
		name: 'Contains',
		value: 'contains',
		description: 'Text contains the value, or a list has it as an element',
	},
	{
		name: 'Does Not Contain',
		value: 'notContains',
		description: 'The attribute is set and does not contain the value',
	},
	{ name: 'Ends With', value: 'endsWith', description: 'Text ends with the value' },
	{ name: 'Equals', value: 'equals', description: 'Same text, or the same number' },
	{ name: 'Greater Than', value: 'greaterThan', description: 'A number or date after the value' },
	{
		name: 'Is Not Set',
		value: 'isNotSet',
		description: 'The attribute is missing, null, empty text or an empty list',
	},
	{
		name: 'Is One Of',
		value: 'isOneOf',
		description: 'Equals one entry of a comma- or line-separated list',
	},
	{ name: 'Is Set', value: 'isSet', description: 'The attribute has a value' },
	{ name: 'Less Than', value: 'lessThan', description: 'A number or date before the value' },
	{
		name: 'Matches',
		value: 'matches',
		description: 'Matches a regular expression (checked against catastrophic backtracking)',
	},
	{
		name: 'Not Equals',
		value: 'notEquals',
		description: 'The attribute is set and differs from the value',
	},
	{ name: 'Starts With', value: 'startsWith', description: 'Text starts with the value' },
];

export const audienceProperties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Live',
				value: 'live',
				description: 'Test accounts always match; everyone else by rules and rollout',
			},
			{ name: 'Testing', value: 'testing', description: 'Only test accounts match' },
		],
		default: 'live',
	},
	{
		displayName: 'Audience Kinds',
		name: 'audienceKinds',
		type: 'multiOptions',
		default: ['user'],
		options: [
			{
				name: 'Verified Users',
				value: 'user',
				description: 'People whose identity is signed (user_hash, JWT, an Intercom user)',
			},
			{
				name: 'Leads',
				value: 'lead',
				description: 'Intercom leads: left an email or a name, nothing of it is verified',
			},
			{ name: 'Visitors', value: 'visitor', description: 'Anonymous visitors' },
		],
		description:
			"Intercom's kinds of people the action is for (default: verified users only). Add leads or visitors only for actions that read nothing customer-specific: nothing they say about themselves is signed, and they never match test accounts.",
	},
	{
		displayName: 'Test Accounts',
		name: 'testAccounts',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. u_123, tester@acme.com, @acme.com',
		description:
			"User IDs (the user_id attribute or Intercom's user ID), emails, or email domains written as @acme.com, separated by commas or new lines. They always match a verified user, and only on signed attributes (an unsigned email never makes anyone a test account).",
	},
	{
		displayName: 'Combine Groups',
		name: 'combinator',
		type: 'options',
		options: [
			{ name: 'All Groups Match (AND)', value: 'and' },
			{ name: 'Any Group Matches (OR)', value: 'or' },
		],
		default: 'and',
	},
	{
		displayName: 'Rule Groups',
		name: 'ruleGroups',
		type: 'fixedCollection',
		placeholder: 'Add Rule Group',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'No rules: everyone matches (before the rollout)',
		options: [
			{
				displayName: 'Group',
				name: 'group',
				values: [
					{
						displayName: 'Match',
						name: 'combinator',
						type: 'options',
						options: [
							{ name: 'All Rules (AND)', value: 'and' },
							{ name: 'Any Rule (OR)', value: 'or' },
						],
						default: 'and',
					},
					{
						displayName: 'Rules',
						name: 'rules',
						type: 'fixedCollection',
						placeholder: 'Add Rule',
						typeOptions: { multipleValues: true, sortable: true },
						default: {},
						options: [
							{
								displayName: 'Rule',
								name: 'rule',
								values: [
									{
										displayName: 'Attribute',
										name: 'attribute',
										type: 'string',
										default: '',
										required: true,
										placeholder: 'e.g. user.plan',
										description:
											'An attribute path starting with user., company., conversation., message. or identity.',
									},
									{
										displayName: 'Operator',
										name: 'operator',
										type: 'options',
										options: OPERATOR_OPTIONS,
										default: 'equals',
									},
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										default: '',
										placeholder: 'e.g. pro',
										description:
											'For Is One Of: a comma-separated list. For Matches: a pattern such as ^[a-z]+$ or /^pro/i.',
										displayOptions: { hide: { operator: ['isSet', 'isNotSet'] } },
									},
									{
										displayName: 'Name',
										name: 'name',
										type: 'string',
										default: '',
										placeholder: 'e.g. Paying customers',
										description: 'Shown in the audience record when this rule decides',
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Rollout Percentage',
		name: 'rolloutPercentage',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 100,
		description:
			'Share of matching users who get the action. A user keeps the same answer on every run, and widening the rollout keeps everyone already in.',
	},
	{
		displayName: 'Bucketing Attribute',
		name: 'bucketAttribute',
		type: 'string',
		default: 'user.user_id',
		description: 'Attribute whose value places a user in a rollout bucket',
	},
	{
		displayName: 'Action Name',
		name: 'actionName',
		type: 'string',
		default: '',
		placeholder: 'e.g. order_status',
		description:
			'Names the action in the rollout hash, so each action rolls out to a different sample of users. Empty: the node ID, which survives renaming the node but not copying it into another workflow.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Case Sensitive',
				name: 'caseSensitive',
				type: 'boolean',
				default: false,
				description: 'Whether text comparisons and patterns respect upper and lower case',
			},
		],
	},
];
