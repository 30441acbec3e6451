import type { Diagnostic } from '../model/schema.js';
import { describeCell } from './locate.js';
import { sortDiagnostics } from './shared.js';
import { formatText } from './text.js';
import type { Reporter } from './types.js';

const COMMANDS: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow command's message, as the Actions runner unescapes it. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value, which also may not hold `:` or `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotate(file: string, diagnostic: Diagnostic): string {
  const { place } = diagnostic;
  const properties: Array<[string, string]> = [['file', file]];
  if (place !== null && place.line !== null) {
    properties.push(['line', String(place.line)], ['col', String(place.column)]);
  }
  properties.push(['title', diagnostic.ruleId]);
  // GitHub can only point at lines; for a docx the cell is said in the message or it is lost.
  const message = place !== null && place.line === null ? `${diagnostic.message} (${describeCell(place)})` : diagnostic.message;
  const list = properties.map(([key, value]) => `${key}=${escapeGithubProperty(value)}`).join(',');
  return `::${COMMANDS[diagnostic.severity]} ${list}::${escapeGithubData(message)}`;
}

/**
 * The report for GitHub Actions: one workflow command per diagnostic, so they show as annotations,
 * then the plain text report, since GitHub shows only the first ten annotations of each kind.
 */
export const formatGithub: Reporter = (input) => {
  const commands = input.results.flatMap((result) =>
    sortDiagnostics(result.diagnostics).map((diagnostic) => annotate(result.file, diagnostic)),
  );
  const text = formatText({ ...input, color: false });
  return commands.length === 0 ? text : `${commands.join('\n')}\n${text}`;
};
