// Who gets the action: test accounts first, then the rules, then the phased rollout. Produces the
// `audience` record every item leaves the node with, naming what decided.
import type { IDataObject } from 'n8n-workflow';

import { isAttributePath, readAttribute } from '../shared/attributes';
import { toText } from '../shared/values';
import { checkPercentage, isInRollout, rolloutBucket } from './rollout';
import { evaluateRuleGroups, type Combinator, type RuleGroup, type RuleOutcome } from './rules';
import { findTestAccount } from './test-accounts';

export type AudienceStatus = 'live' | 'testing';

export interface AudienceConfig {
	/** `testing`: only test accounts match; `live`: test accounts, then rules and rollout. */
	status: AudienceStatus;
	testAccounts: string[];
	/** Test accounts count only for users whose identity Fin Trigger verified. */
	testAccountsRequireVerifiedIdentity: boolean;
	groups: RuleGroup[];
	combinator: Combinator;
	caseSensitive: boolean;
	rolloutPercentage: number;
	bucketAttribute: string;
	/** Names the action in the rollout hash. */
	rolloutKey: string;
}

export interface RolloutRecord {
	percentage: number;
	attribute: string;
	key: string;
	bucket?: number;
	inRollout: boolean;
	missingAttribute?: true;
}

export interface AudienceRecord extends IDataObject {
	matched: boolean;
	decidedBy: 'testAccount' | 'testing' | 'rule' | 'rollout' | 'everyone';
	reason: string;
	testAccount?: { entry: string; attribute: string };
	rule?: RuleOutcome & IDataObject;
	rollout?: RolloutRecord & IDataObject;
	missingAttributes?: string[];
}

export class AudienceConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AudienceConfigError';
	}
}

function describeRule(outcome: RuleOutcome): string {
	const where = `rule ${outcome.rule} of group ${outcome.group} (${outcome.name})`;
	if (outcome.missingAttribute)
		return `${where} is ${outcome.result}: ${outcome.attribute} is missing`;
	return `${where} is ${outcome.result}${outcome.note ? `: ${outcome.note}` : ''}`;
}

function decideRollout(item: IDataObject, config: AudienceConfig): RolloutRecord {
	const base = {
		percentage: config.rolloutPercentage,
		attribute: config.bucketAttribute,
		key: config.rolloutKey,
	};
	const lookup = readAttribute(item, config.bucketAttribute);
	if (!lookup.found) return { ...base, inRollout: false, missingAttribute: true };
	const bucket = rolloutBucket(config.rolloutKey, toText(lookup.value));
	return { ...base, bucket, inRollout: isInRollout(bucket, config.rolloutPercentage) };
}

/** Throws AudienceConfigError for settings no item could satisfy. */
export function checkConfig(config: AudienceConfig): void {
	const percentageProblem = checkPercentage(config.rolloutPercentage);
	if (percentageProblem) throw new AudienceConfigError(percentageProblem);
	if (config.rolloutPercentage < 100 && !isAttributePath(config.bucketAttribute)) {
		throw new AudienceConfigError(
			`the bucketing attribute "${config.bucketAttribute}" is not an attribute path such as user.user_id`,
		);
	}
}

export function decideAudience(item: IDataObject, config: AudienceConfig): AudienceRecord {
	checkConfig(config);
	const verified = readAttribute(item, 'identity.verified').value === true;
	if (!config.testAccountsRequireVerifiedIdentity || verified) {
		const testAccount = findTestAccount(item, config.testAccounts);
		if (testAccount) {
			return {
				matched: true,
				decidedBy: 'testAccount',
				reason: `test account "${testAccount.entry}" matched ${testAccount.attribute}`,
				testAccount: { ...testAccount },
			};
		}
	}
	if (config.status === 'testing') {
		return {
			matched: false,
			decidedBy: 'testing',
			reason:
				config.testAccountsRequireVerifiedIdentity && !verified
					? 'the action is in testing and only verified test accounts get it; this user is not verified'
					: 'the action is in testing and this user is not a test account',
		};
	}

	const rules = evaluateRuleGroups(item, config.groups, config.combinator, {
		caseSensitive: config.caseSensitive,
	});
	const missing =
		rules.missingAttributes.length > 0 ? { missingAttributes: rules.missingAttributes } : {};
	const rule = rules.decidedBy ? { rule: rules.decidedBy as RuleOutcome & IDataObject } : {};
	if (!rules.result) {
		return {
			matched: false,
			decidedBy: 'rule',
			reason: describeRule(rules.decidedBy!),
			...rule,
			...missing,
		};
	}
	if (config.rolloutPercentage >= 100) {
		return rules.decidedBy
			? {
					matched: true,
					decidedBy: 'rule',
					reason: describeRule(rules.decidedBy),
					...rule,
					...missing,
				}
			: {
					matched: true,
					decidedBy: 'everyone',
					reason: 'no rules and a 100% rollout: everyone matches',
					...missing,
				};
	}
	const rollout = decideRollout(item, config);
	const reason = rollout.missingAttribute
		? `the rollout is at ${rollout.percentage}% and ${rollout.attribute} is missing, so no bucket can be given`
		: `bucket ${rollout.bucket} of 10000 is ${rollout.inRollout ? 'inside' : 'outside'} the ${rollout.percentage}% rollout`;
	const allMissing = rollout.missingAttribute
		? { missingAttributes: [...new Set([...rules.missingAttributes, rollout.attribute])] }
		: missing;
	return {
		matched: rollout.inRollout,
		decidedBy: 'rollout',
		reason,
		rollout: rollout as RolloutRecord & IDataObject,
		...rule,
		...allMissing,
	};
}
