import type { Diagnostic } from '../model/schema.js';
import type { Reporter } from './types.js';

const LEVELS: Record<Diagnostic['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function encodePath(path: string): string {
  // encodeURIComponent throws on a lone surrogate; a file name can hold one on some systems.
  const wellFormed = path.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  return wellFormed.split('/').map(encodeURIComponent).join('/');
}

/**
 * A file path as the URI reference SARIF asks for: forward slashes, each segment percent-encoded;
 * a relative path stays relative, an absolute one becomes a file: URI.
 */
export function toSarifUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${slashed.slice(0, 2)}${encodePath(slashed.slice(2))}`;
  if (slashed.startsWith('//')) return `file:${encodePath(slashed)}`;
  if (slashed.startsWith('/')) return `file://${encodePath(slashed)}`;
  return encodePath(slashed);
}

function toResult(file: string, diagnostic: Diagnostic, ruleIndex: ReadonlyMap<string, number>) {
  const { place } = diagnostic;
  const index = ruleIndex.get(diagnostic.ruleId);
  // SARIF columns count characters in the line, while a place's column is a grid column: the
  // region says only the line, and the cell goes in properties, where no viewer misreads it.
  const region = place !== null && place.line !== null ? { region: { startLine: place.line } } : {};
  return {
    ruleId: diagnostic.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toSarifUri(file) }, ...region } }],
    ...(place === null ? {} : { properties: { table: place.table, row: place.row, column: place.column } }),
  };
}

/** The report for code-scanning tools: a SARIF 2.1.0 log with one run, every rule and every diagnostic. */
export const formatSarif: Reporter = ({ results, rules, tool }) => {
  const ruleIndex = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!ruleIndex.has(rule.id)) ruleIndex.set(rule.id, index);
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: 'https://www.npmjs.com/package/fenjie',
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.helpUri,
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        results: results.flatMap((result) => result.diagnostics.map((diagnostic) => toResult(result.file, diagnostic, ruleIndex))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
