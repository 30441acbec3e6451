import pkg from '../../package.json' with { type: 'json' };
import type { Locale } from '../i18n/locale.js';
import { ruleDescription } from '../i18n/messages.js';
import { RULES } from '../validate/index.js';
import type { RuleMeta } from './types.js';

/** Documentation of each rule, as SARIF's helpUri and the reports link it. */
export function ruleHelpUri(id: string): string {
  return `https://unpkg.com/fenjie@${pkg.version}/docs/rules/${id}.md`;
}

/** What reporters need to know of every rule, its description in the language asked for. */
export function ruleMetas(locale: Locale = 'en'): RuleMeta[] {
  return RULES.map(({ id, description, defaultSeverity }) => ({ id, description: ruleDescription(id, description, locale), defaultSeverity, helpUri: ruleHelpUri(id) }));
}

/** The version of fenjie, as reports name the tool. */
export const VERSION: string = pkg.version;
