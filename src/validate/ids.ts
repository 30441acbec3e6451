/** Every rule id fenjie knows, in the order their findings are listed for the same place. */
export const RULE_IDS = [
  'parse-error',
  'missing-header',
  'no-measures',
  'text-outside-cells',
  'missing-title',
  'ragged-row',
  'guessed-layout',
  'first-lead',
  'span-overflow',
  'merged-text-lost',
  'missing-departments',
  'inherit-across-task',
  'empty-measure',
  'duplicate-measure',
  'section-numbering',
  'task-numbering',
  'unknown-department',
  'spanning-row',
  'other-table',
  'unread-text',
] as const;

/** A rule id: the string-literal union of {@link RULE_IDS}, checked at compile time wherever rules are listed. */
export type RuleId = (typeof RULE_IDS)[number];

/** True when a string is one of the {@link RULE_IDS}. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
