import type { Diagnostic } from '../model/schema.js';
import { locate } from './locate.js';
import { countSeverities, displayWidth, oneLine, padding, plural, sortDiagnostics } from './shared.js';
import type { SeverityCounts } from './shared.js';
import type { Reporter } from './types.js';

const SEVERITY_COLOURS: Record<Diagnostic['severity'], number> = { error: 31, warning: 33, info: 34 };
const GREEN = 32;

function paint(text: string, colour: number, color: boolean): string {
  return color ? `\u001b[${colour}m${text}\u001b[39m` : text;
}

function summarize(counts: SeverityCounts, filesWithProblems: number, filesChecked: number, color: boolean): string {
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return paint(`✔ ${plural(filesChecked, 'file')} checked, no problems`, GREEN, color);
  const worst = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
  const tally = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}`;
  const line = `✖ ${plural(total, 'problem')} (${tally}) in ${plural(filesWithProblems, 'file')}`;
  return paint(line, SEVERITY_COLOURS[worst], color);
}

/**
 * The default report, for people: each file with problems, one aligned line per diagnostic
 * (`location  severity  message  rule-id`) in reading order, then one summary line.
 */
export const formatText: Reporter = ({ results, color }) => {
  const blocks: string[] = [];
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    const fileCounts = countSeverities(result.diagnostics);
    counts.error += fileCounts.error;
    counts.warning += fileCounts.warning;
    counts.info += fileCounts.info;

    const file = oneLine(result.file);
    const rows = sortDiagnostics(result.diagnostics).map((diagnostic) => ({
      location: locate(file, diagnostic.place),
      severity: diagnostic.severity,
      message: oneLine(diagnostic.message),
      ruleId: oneLine(diagnostic.ruleId),
    }));
    // A reduce, not Math.max(...widths): a file may have 300,000 diagnostics, more than a call takes arguments.
    const widest = (pick: (row: (typeof rows)[number]) => string) => rows.reduce((most, row) => Math.max(most, displayWidth(pick(row))), 0);
    const locationWidth = widest((row) => row.location);
    const severityWidth = widest((row) => row.severity);
    const messageWidth = widest((row) => row.message);
    const lines = rows.map(
      (row) =>
        `  ${row.location}${padding(row.location, locationWidth)}  ` +
        `${paint(row.severity, SEVERITY_COLOURS[row.severity], color)}${padding(row.severity, severityWidth)}  ` +
        `${row.message}${padding(row.message, messageWidth)}  ${row.ruleId}`,
    );
    blocks.push([file, ...lines].join('\n'));
  }
  const filesWithProblems = blocks.length;
  const summary = summarize(counts, filesWithProblems, results.length, color);
  return blocks.length === 0 ? `${summary}\n` : `${blocks.join('\n\n')}\n\n${summary}\n`;
};
