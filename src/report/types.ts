import type { Locale } from '../i18n/locale.js';
import type { FileResult } from '../validate/types.js';
import type { Painter } from './color.js';

/** What a reporter needs to know about a rule: enough for SARIF's rule list and JUnit's test cases. */
export interface RuleMeta {
  /** Stable kebab-case id, as in diagnostics. */
  id: string;
  /** One sentence: what the rule reports. */
  description: string;
  defaultSeverity: 'error' | 'warning' | 'info';
  /** Where the rule is documented (docs/rules/<id>.md). */
  helpUri: string;
}

/** Everything a reporter formats: the results of one validation run and what produced them. */
export interface ReportInput {
  /** One result per file, in the order the files were checked. */
  results: FileResult[];
  /** Every rule known, whether or not it reported anything (SARIF and JUnit list them all). */
  rules: readonly RuleMeta[];
  tool: { name: 'fenjie'; version: string };
  /**
   * Colour: false for none, true for ANSI colour, or a painter (the CLI passes one built on
   * `util.styleText` after honouring NO_COLOR, FORCE_COLOR and the terminal).
   */
  color: boolean | Painter;
  /** The language of the report's own words and rule descriptions. Default: 'en'. */
  locale?: Locale;
  /** The most warnings the run may have in all (`--max-warnings`); null or absent for no limit. */
  maxWarnings?: number | null;
}

/** A pure function from results to the whole output, which ends in '\n'. */
export type Reporter = (input: ReportInput) => string;

/** The names `--reporter` accepts. */
export type ReporterName = 'text' | 'json' | 'github' | 'sarif' | 'junit';
