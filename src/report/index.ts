import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
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
export { judge, type Verdict } from './shared.js';
export type { ReportInput, Reporter, ReporterName, RuleMeta } from './types.js';
