// Who gets the action: test accounts first, then the rules, then the phased rollout. Produces the
// `audience` record every item leaves the node with, naming what decided.
import type { IDataObject } from 'n8n-workflow';

import { isAttributePath, readAttribute } from '../shared/attributes';
import { audienceKindOf, type AudienceKind } from '../shared/provenance';
import { toText } from '../shared/values';
import { checkPercentage, isInRollout, rolloutBucket } from './rollout';
import { evaluateRuleGroups, type Combinator, type RuleGroup, type RuleOutcome } from './rules';
import { findTestAccount } from './test-accounts';

export type AudienceStatus = 'live' | 'testing';

export interface AudienceConfig {
	/** `testing`: only test accounts match; `live`: test accounts, then rules and rollout. */
	status: AudienceStatus;
	testAccounts: string[];
	/** Intercom's kinds of people the action is for; default verified users only. */
	audienceKinds: AudienceKind[];
	/** A manual (editor) run: test values count as a signed user. */
	manualRun: boolean;
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
	decidedBy: 'audienceKind' | 'testAccount' | 'testing' | 'rule' | 'rollout' | 'everyone';
	/** user, lead or visitor, as Fin Trigger's identity says. */
	kind?: AudienceKind;
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

/** The audience record, naming the person's kind (user, lead, visitor) whatever decided. */
export function decideAudience(item: IDataObject, config: AudienceConfig): AudienceRecord {
	const record = decide(item, config);
	return { ...record, kind: audienceKindOf(item, config.manualRun) };
}

/** Refused when the person's kind (user, lead, visitor) is not one the action is for. */
function wrongKind(kind: AudienceKind, config: AudienceConfig): AudienceRecord | undefined {
	if (config.audienceKinds.includes(kind)) return undefined;
	return {
		matched: false,
		decidedBy: 'audienceKind',
		kind,
		reason: `this person is a ${kind === 'user' ? 'verified user' : kind}, and the action is for ${config.audienceKinds
			.map((allowed) => (allowed === 'user' ? 'verified users' : `${allowed}s`))
			.join(', ')} only (add ${kind}s under "Audience Kinds" to let them through)`,
	};
}

/**
 * Test accounts are verified users matched on signed attributes only: a lead or visitor typing a
 * tester's email is never one.
 */
function testAccountMatch(
	item: IDataObject,
	kind: AudienceKind,
	config: AudienceConfig,
): AudienceRecord | undefined {
	if (kind !== 'user') return undefined;
	const testAccount = findTestAccount(item, config.testAccounts, config.manualRun);
	if (!testAccount) return undefined;
	return {
		matched: true,
		decidedBy: 'testAccount',
		kind,
		reason: `test account "${testAccount.entry}" matched the signed ${testAccount.attribute}`,
		testAccount: { ...testAccount },
	};
}

/** In testing, everyone who is not a test account is refused. */
function testingOnly(kind: AudienceKind, config: AudienceConfig): AudienceRecord | undefined {
	if (config.status !== 'testing') return undefined;
	return {
		matched: false,
		decidedBy: 'testing',
		kind,
		reason:
			kind !== 'user'
				? `the action is in testing and only verified test accounts get it; this person is a ${kind}`
				: 'the action is in testing and no signed attribute of this user names a test account',
	};
}

type RulesResult = ReturnType<typeof evaluateRuleGroups>;

/** Past the rules, the stable rollout bucket decides. */
function decideByRollout(
	item: IDataObject,
	config: AudienceConfig,
	rules: RulesResult,
	rule: IDataObject,
	missing: IDataObject,
): AudienceRecord {
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

/** The attribute rules, then the rollout. */
function decideByRules(item: IDataObject, config: AudienceConfig): AudienceRecord {
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
	return decideByRollout(item, config, rules, rule, missing);
}

function decide(item: IDataObject, config: AudienceConfig): AudienceRecord {
	checkConfig(config);
	const kind = audienceKindOf(item, config.manualRun);
	return (
		wrongKind(kind, config) ??
		testAccountMatch(item, kind, config) ??
		testingOnly(kind, config) ??
		decideByRules(item, config)
	);
}
