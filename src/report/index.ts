import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Locale } from '../i18n/locale.js';
import type { ValidationResult } from '../validate/run.js';
import type { Painter } from './color.js';
import { ruleMetas, VERSION } from './rules.js';
import type { Reporter, ReporterName } from './types.js';

/** Every reporter by the name `--reporter` takes. */
export const REPORTERS: Record<ReporterName, Reporter> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
  junit: formatJunit,
};

export { formatGithub, formatJson, formatJunit, formatSarif, formatText };
export { locate } from './locate.js';
export { ruleHelpUri, ruleMetas, VERSION as VERSION_OF_FENJIE } from './rules.js';
export { judge, type Verdict } from './shared.js';
export type { ReportInput, Reporter, ReporterName, RuleMeta } from './types.js';

/** How {@link formatReport} writes: colour and language. */
export interface ReportOptions {
  /** Colour: false (default), true for ANSI colour, or a painter. */
  color?: boolean | Painter;
  /** The language of the report's own words and rule descriptions. Default: the run's locale. */
  locale?: Locale;
}

/**
 * A validation run's report, exactly as `fenjie validate --reporter <name>` prints it:
 * `formatReport(await validate(files), 'sarif')`.
 */
export function formatReport(result: ValidationResult, reporter: ReporterName, options: ReportOptions = {}): string {
  const locale = options.locale ?? result.locale;
  return REPORTERS[reporter]({
    results: result.results,
    rules: ruleMetas(locale),
    tool: { name: 'fenjie', version: VERSION },
    color: options.color ?? false,
    maxWarnings: result.maxWarnings,
    locale,
  });
}
