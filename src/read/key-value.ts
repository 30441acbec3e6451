import { guessedLayout } from '../grid/align.js';
import { roleOfHeader } from '../model/roles.js';
import type { ColumnRole } from '../model/schema.js';
import { rawCell, type RawDocument, type RawRow } from './raw-table.js';
import { isChrome } from './text-block.js';

/**
 * Key–value tables (`key-value`): pages that show one task a block of label rows, each a label
 * ending in a colon and its value (`重点工作: | 135.统筹… |`, `牵头单位: | 市城市管理综合执法局 |`),
 * a value perhaps on the lines after a label row of its own (`进展情况…建议: |`). Each block is one
 * record, read as one row under a header of the labels: a block ends where a label of it comes again.
 */

/** A label row: a short label ending in a colon, a pipe, and the value (perhaps empty) with an optional closing pipe. */
const LABEL_ROW = /^([^|:：]{1,40})[:：]\s*\|(.*)$/;

const TEXT_ROLES: readonly ColumnRole[] = ['section', 'task', 'measure'];
const BODY_ROLES: readonly ColumnRole[] = ['departments', 'lead', 'support'];

/** The label and value of a label row, or null. */
function labelRow(line: string): { label: string; value: string; open: boolean } | null {
  const match = LABEL_ROW.exec(line.trim());
  if (!match) return null;
  const value = closed(match[2] as string);
  // A value closed by its pipe is whole; an empty one, or one left open, goes on over the next lines.
  return { label: (match[1] as string).trim(), value, open: value === '' || value === (match[2] as string).trim() };
}

/** A value without its closing pipe. */
function closed(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith('|') && !trimmed.endsWith('\\|') ? trimmed.slice(0, -1).trim() : trimmed;
}

/**
 * Reads a key–value table, or returns null when the text has none: two or more label rows whose
 * labels name the measures (or tasks) and the responsible departments.
 */
export function readKeyValue(lines: readonly string[]): RawDocument | null {
  const first = lines.findIndex((line) => labelRow(line) !== null);
  if (first < 0) return null;
  const labels: string[] = [];
  const records: Map<string, string[]>[] = [];
  let record = new Map<string, string[]>();
  let open: string[] | null = null;
  let end = first;
  let line = first + 1;
  for (let i = first; i < lines.length; i += 1) {
    const text = (lines[i] as string).trim();
    const row = labelRow(text);
    if (row) {
      const key = row.label.replace(/\s+/g, '');
      if (record.has(key)) {
        records.push(record);
        record = new Map();
      }
      if (!labels.includes(key)) labels.push(key);
      const value = row.value === '' ? [] : [row.value];
      record.set(key, value);
      open = row.open ? value : null;
      end = i + 1;
    } else if (text === '') {
      open = null;
    } else if (open !== null && !isChrome(text)) {
      // The value of a label row of its own follows on the next lines, up to one closed by a pipe.
      open.push(closed(text));
      if (closed(text) !== text) open = null;
      end = i + 1;
    } else {
      break;
    }
    if (i === first) line = i + 1;
  }
  records.push(record);
  const roles = labels.map(roleOfHeader);
  if (labels.length < 2 || !roles.some((role) => TEXT_ROLES.includes(role)) || !roles.some((role) => BODY_ROLES.includes(role))) return null;
  const header: RawRow = { cells: labels.map((label) => rawCell([label], line)), line };
  const rows: RawRow[] = records.map((values) => ({ cells: labels.map((label) => rawCell(values.get(label) ?? [], line)), line }));
  return {
    dialect: 'key-value',
    tables: [
      {
        rows: [header, ...rows],
        before: lines.slice(0, first),
        after: lines.slice(end),
        // A label a record leaves out is missing from it, not merged from the record before.
        blanksAreMerges: false,
        headerRows: 1,
        diagnostics: [guessedLayout(1, { from: 2, to: rows.length + 1 }, { kind: 'rebuilt', dialect: 'key-value' }, line)],
      },
    ],
  };
}
