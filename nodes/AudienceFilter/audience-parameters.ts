// An audience as node parameters -> the AudienceConfig that decides (audience.ts). One reading for
// the Audience Filter node, the API Action tool's "Audience" and Fin Agent Reply, which evaluates
// each tool's audience from the tool's stored parameters.
import type { IDataObject } from 'n8n-workflow';

import type { AudienceConfig } from './audience';
import type { Combinator, Operator, Rule, RuleGroup } from './rules';
import { parseTestAccounts } from './test-accounts';
import { AUDIENCE_KINDS, type AudienceKind } from '../shared/provenance';

interface RuleGroupParameter {
	combinator?: Combinator;
	rules?: {
		rule?: Array<{ name?: string; attribute?: string; operator?: Operator; value?: unknown }>;
	};
}

/** The Audience Filter's parameter names, as the tool's `audience` collection keys too. */
export const AUDIENCE_PARAMETER_NAMES = [
	'status',
	'testAccounts',
	'audienceKinds',
	'combinator',
	'ruleGroups',
	'rolloutPercentage',
	'bucketAttribute',
	'actionName',
] as const;

export interface AudienceParameters {
	status?: AudienceConfig['status'];
	testAccounts?: unknown;
	audienceKinds?: unknown;
	combinator?: Combinator;
	ruleGroups?: { group?: RuleGroupParameter[] };
	rolloutPercentage?: number;
	bucketAttribute?: string;
	actionName?: string;
	caseSensitive?: boolean;
}

function audienceKindsOf(raw: unknown): AudienceKind[] {
	if (raw === undefined) return ['user'];
	return (Array.isArray(raw) ? raw : [raw]).filter((kind): kind is AudienceKind =>
		(AUDIENCE_KINDS as readonly unknown[]).includes(kind),
	);
}

/**
 * Missing parameters take the node's defaults (live, verified users, no rules, 100 %). `nodeId`
 * names the rollout when no action name is set: it survives renaming the node.
 */
export function audienceConfigOf(
	parameters: AudienceParameters | IDataObject,
	run: { manualRun: boolean; nodeId: string },
): AudienceConfig {
	const given = parameters as AudienceParameters;
	const actionName = String(given.actionName ?? '').trim();
	return {
		status: given.status ?? 'live',
		testAccounts: parseTestAccounts(given.testAccounts ?? ''),
		audienceKinds: audienceKindsOf(given.audienceKinds),
		manualRun: run.manualRun,
		combinator: given.combinator ?? 'and',
		groups: (given.ruleGroups?.group ?? []).map((group): RuleGroup => ({
			combinator: group.combinator ?? 'and',
			rules: (group.rules?.rule ?? []).map((rule): Rule => ({
				name: rule.name || undefined,
				attribute: String(rule.attribute ?? '').trim(),
				operator: rule.operator ?? 'equals',
				value: rule.value,
			})),
		})),
		caseSensitive: given.caseSensitive === true,
		rolloutPercentage: given.rolloutPercentage ?? 100,
		bucketAttribute: String(given.bucketAttribute ?? 'user.user_id').trim(),
		rolloutKey: actionName || run.nodeId,
	};
}
