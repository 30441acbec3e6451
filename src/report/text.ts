import type { Locale } from '../i18n/locale.js';
import type { Severity } from '../model/schema.js';
import { painterOf, type Style } from './color.js';
import { locate } from './locate.js';
import { countSeverities, displayWidth, judge, oneLine, padding, plural, sortDiagnostics } from './shared.js';
import type { SeverityCounts } from './shared.js';
import type { Reporter } from './types.js';

const SEVERITY_STYLES: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/** The report's own words, in each language. */
const WORDS = {
  en: {
    severity: { error: 'error', warning: 'warning', info: 'info' } as Record<Severity, string>,
    clean: (files: number) => `✔ ${plural(files, 'file')} checked, no problems`,
    problems: (total: number, c: SeverityCounts, files: number) =>
      `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}) in ${plural(files, 'file')}`,
    hidden: (count: number) => `${plural(count, 'warning')} not shown (--quiet)`,
    tooMany: (count: number, max: number) => `✖ too many warnings: ${count}, maximum ${max}`,
  },
  zh: {
    severity: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
    clean: (files: number) => `✔ 已检查 ${files} 个文件，没有问题`,
    problems: (total: number, c: SeverityCounts, files: number) =>
      `✖ ${total} 个问题（${c.error} 个错误，${c.warning} 个警告，${c.info} 个提示），涉及 ${files} 个文件`,
    hidden: (count: number) => `另有 ${count} 个警告未显示（--quiet）`,
    tooMany: (count: number, max: number) => `✖ 警告过多：${count} 个，上限 ${max} 个`,
  },
} satisfies Record<Locale, unknown>;

/**
 * The default report, for people: each file with problems, one aligned line per diagnostic
 * (`location  severity  message  rule-id`) in reading order, then the summary lines.
 */
export const formatText: Reporter = ({ results, color, maxWarnings = null, locale = 'en' }) => {
  const words = WORDS[locale];
  const painter = painterOf(color);
  const paint = (style: Style, text: string) => painter(style, text);
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
      label: words.severity[diagnostic.severity],
      message: oneLine(diagnostic.message),
      ruleId: oneLine(diagnostic.ruleId),
    }));
    // A reduce, not Math.max(...widths): a file may have 300,000 diagnostics, more than a call takes arguments.
    const widest = (pick: (row: (typeof rows)[number]) => string) => rows.reduce((most, row) => Math.max(most, displayWidth(pick(row))), 0);
    const locationWidth = widest((row) => row.location);
    const severityWidth = widest((row) => row.label);
    const messageWidth = widest((row) => row.message);
    const lines = rows.map(
      (row) =>
        `  ${row.location}${padding(row.location, locationWidth)}  ` +
        `${paint(SEVERITY_STYLES[row.severity], row.label)}${padding(row.label, severityWidth)}  ` +
        `${row.message}${padding(row.message, messageWidth)}  ${paint('dim', row.ruleId)}`,
    );
    blocks.push([file, ...lines].join('\n'));
  }
  const total = counts.error + counts.warning + counts.info;
  const worst: Severity = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
  const lines = [total === 0 ? paint('green', words.clean(results.length)) : paint(SEVERITY_STYLES[worst], words.problems(total, counts, blocks.length))];
  const verdict = judge(results, maxWarnings);
  const hidden = verdict.warningCount - counts.warning;
  if (hidden > 0) lines.push(words.hidden(hidden));
  if (verdict.tooManyWarnings && maxWarnings !== null) lines.push(paint('red', words.tooMany(verdict.warningCount, maxWarnings)));
  const summary = lines.join('\n');
  return blocks.length === 0 ? `${summary}\n` : `${blocks.join('\n\n')}\n\n${summary}\n`;
};
