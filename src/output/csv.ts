import type { TaskTable } from '../model/schema.js';
import { departmentIndex, matrixCellText, taskLabel, type DepartmentIndex } from './department-index.js';
import { encodeGb18030 } from './gb18030.js';
import { rowMatrix, tableList } from './rows.js';

/** How CSV text becomes bytes: UTF-8 with a BOM (what Excel on a Chinese system needs to see UTF-8), plain UTF-8, or GB18030. */
export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

/** The CSV encodings, for validating user input. */
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['utf-8-bom', 'utf-8', 'gb18030'];

/** One field, quoted as RFC 4180 says when it holds a comma, quote, line break, or leading or trailing space. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of fields as RFC 4180 CSV: CRLF after every record. */
export function csvText(records: readonly (readonly (string | number | null)[])[]): string {
  return records.map((record) => `${record.map(field).join(',')}\r\n`).join('');
}

/**
 * The flat rows of one or several tables as CSV text (no BOM; see {@link encodeCsv}): a header row,
 * then one record per measure. Several tables make one combined file; its 文件 column tells them apart.
 */
export function toCsv(tables: TaskTable | readonly TaskTable[]): string {
  const { columns, rows } = rowMatrix(tableList(tables));
  return csvText([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))]);
}

/**
 * The department index as CSV text: per department its counts, then one column per task holding
 * the department × task matrix cell ("●2 ○1").
 */
export function departmentIndexCsv(tables: TaskTable | readonly TaskTable[]): string {
  return csvText(departmentIndexRecords(departmentIndex(tables), tableList(tables).length > 1));
}

/** The department index as a header and records: department, counts, then the matrix row. */
export function departmentIndexRecords(index: DepartmentIndex, withFile: boolean): (string | number)[][] {
  return [
    ['部门', '牵头', '配合', '共同', '措施合计', '涉及任务数', ...index.tasks.map((task) => taskLabel(task, withFile))],
    ...index.departments.map((d, i) => [
      d.name,
      d.counts.lead,
      d.counts.support,
      d.counts.shared,
      d.counts.total,
      d.taskCount,
      ...(index.matrix[i] ?? []).map(matrixCellText),
    ]),
  ];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** CSV text as bytes in the chosen encoding (default 'utf-8-bom'). */
export function encodeCsv(text: string, encoding: CsvEncoding = 'utf-8-bom'): Uint8Array {
  if (encoding === 'gb18030') return encodeGb18030(text);
  const body = new TextEncoder().encode(text);
  if (encoding === 'utf-8') return body;
  const bytes = new Uint8Array(UTF8_BOM.length + body.length);
  bytes.set(UTF8_BOM);
  bytes.set(body, UTF8_BOM.length);
  return bytes;
}
