// Audience Filter: decides who gets an action. Items leave on "Matched" or "Not matched", each with
// an `audience` record naming the test account, rule or rollout bucket that decided.
//
// Why a fixedCollection and not n8n's `filter` parameter type: the filter type resolves each left
// value as an expression and returns one boolean for all conditions, so the node could neither name
// the condition that decided nor tell a missing attribute from an empty one; its strict type
// validation throws on mismatched types where a missing attribute must simply make the rule false;
// it has one combinator (no groups); and its regex operator has no static guard.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { decideAudience, type AudienceConfig, type AudienceRecord } from './audience';
import type { Combinator, Operator, Rule, RuleGroup } from './rules';
import { parseTestAccounts } from './test-accounts';
import { AUDIENCE_KINDS, type AudienceKind } from '../shared/provenance';
import {
	finTriggerItems,
	FOREIGN_IDENTITY_MESSAGE,
	identityOrigin,
	withoutForeignIdentity,
} from '../shared/trigger-origin';

interface RuleGroupParameter {
	combinator?: Combinator;
	rules?: {
		rule?: Array<{ name?: string; attribute?: string; operator?: Operator; value?: unknown }>;
	};
}

function readConfig(context: IExecuteFunctions, itemIndex: number): AudienceConfig {
	const groups = context.getNodeParameter(
		'ruleGroups.group',
		itemIndex,
		[],
	) as RuleGroupParameter[];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const actionName = String(context.getNodeParameter('actionName', itemIndex, '')).trim();
	return {
		status: context.getNodeParameter('status', itemIndex, 'live') as AudienceConfig['status'],
		testAccounts: parseTestAccounts(context.getNodeParameter('testAccounts', itemIndex, '')),
		audienceKinds: readAudienceKinds(context, itemIndex),
		manualRun: context.getMode() === 'manual',
		combinator: context.getNodeParameter('combinator', itemIndex, 'and') as Combinator,
		groups: groups.map((group): RuleGroup => ({
			combinator: group.combinator ?? 'and',
			rules: (group.rules?.rule ?? []).map((rule): Rule => ({
				name: rule.name || undefined,
				attribute: String(rule.attribute ?? '').trim(),
				operator: rule.operator ?? 'equals',
				value: rule.value,
			})),
		})),
		caseSensitive: options.caseSensitive === true,
		rolloutPercentage: context.getNodeParameter('rolloutPercentage', itemIndex, 100) as number,
		bucketAttribute: String(
			context.getNodeParameter('bucketAttribute', itemIndex, 'user.user_id'),
		).trim(),
		// The node's id survives renames; an explicit action name also survives copying the workflow.
		rolloutKey: actionName || context.getNode().id,
	};
}

function readAudienceKinds(context: IExecuteFunctions, itemIndex: number): AudienceKind[] {
	const raw = context.getNodeParameter('audienceKinds', itemIndex, ['user']) as unknown;
	const list = (Array.isArray(raw) ? raw : [raw]).filter((kind): kind is AudienceKind =>
		(AUDIENCE_KINDS as readonly unknown[]).includes(kind),
	);
	return list;
}

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

export class AudienceFilter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audience Filter',
		name: 'audienceFilter',
		icon: {
			light: 'file:../../icons/audienceFilter.svg',
			dark: 'file:../../icons/audienceFilter.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["status"] === "testing" ? "Testing: test accounts only" : "Rollout " + $parameter["rolloutPercentage"] + "%"}}',
		description:
			'Decide which users get an action: attribute rules, test accounts and a stable phased rollout',
		defaults: { name: 'Audience Filter' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Matched', 'Not matched'],
		properties: [
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const matched: INodeExecutionData[] = [];
		const notMatched: INodeExecutionData[] = [];
		// An identity counts only as this execution's Fin Trigger emitted it (nodes/shared/trigger-origin).
		let triggerItems: IDataObject[] | undefined;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			let audience: AudienceRecord;
			try {
				const origin = Object.prototype.hasOwnProperty.call(item.json, 'identity')
					? identityOrigin(item.json, (triggerItems ??= finTriggerItems(this)), itemIndex)
					: 'none';
				audience = decideAudience(
					withoutForeignIdentity(item.json, origin),
					readConfig(this, itemIndex),
				);
				if (origin === 'foreign')
					audience = { ...audience, identity: 'foreign', identityNote: FOREIGN_IDENTITY_MESSAGE };
			} catch (error) {
				if (this.continueOnFail()) {
					// Fail closed: an item whose audience cannot be decided does not get the action.
					notMatched.push({
						json: {
							...item.json,
							audience: { matched: false, decidedBy: 'error', reason: (error as Error).message },
						},
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					description:
						'Check the rules, the rollout percentage and the bucketing attribute of this Audience Filter.',
				});
			}
			const output: INodeExecutionData = {
				json: { ...item.json, audience },
				pairedItem: { item: itemIndex },
			};
			if (item.binary) output.binary = item.binary;
			(audience.matched ? matched : notMatched).push(output);
		}
		return [matched, notMatched];
	}
}
