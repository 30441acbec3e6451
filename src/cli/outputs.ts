import { extname } from 'node:path';
import type { TaskTable } from '../model/schema.js';
import type { CsvEncoding } from '../output/csv.js';
import { UsageError } from './shared.js';

/** What `fenjie convert --to` writes. */
export const OUTPUT_FORMATS = ['json', 'jsonl', 'csv', 'xlsx', 'md', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The formats whose rows several inputs can share in one file (with a 文件 column). */
const COMBINABLE: readonly OutputFormat[] = ['jsonl', 'csv', 'xlsx'];

/** File endings that name an output format; `-o` with one of them names a file, not a folder. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
};

/** The ending of files written into a folder, per format. */
export const EXTENSION_OF_FORMAT: Readonly<Record<OutputFormat, string>> = { json: '.json', jsonl: '.jsonl', csv: '.csv', xlsx: '.xlsx', md: '.md', html: '.html' };

/** Where the output goes: stdout (one input), one file (one input, or several combined), or one file per input in a folder. */
export type OutputTarget = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'folder'; path: string | null };

/** What convert writes and where, from `--to`, `-o` and `--csv-encoding`. */
export interface OutputPlan {
  format: OutputFormat;
  csvEncoding: CsvEncoding;
  target: OutputTarget;
}

/**
 * Decides the output: `--to` names the format, else the ending of `-o`, else JSON. `-o` with a
 * format's ending is one file (several inputs are combined where the format has rows: jsonl, csv,
 * xlsx); any other `-o` is a folder. Without `-o`, one input goes to stdout and several to the
 * current folder. An .xlsx is not written to a terminal.
 */
export function planOutput(values: { to?: string; out?: string; csvEncoding?: string }, inputs: number, single: boolean, stdoutIsTTY: boolean): OutputPlan {
  if (values.to !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(values.to)) {
    throw new UsageError(`--to must be ${OUTPUT_FORMATS.join(', ')}, not '${values.to}'`);
  }
  const named = values.out === undefined ? undefined : FORMAT_OF_EXTENSION[extname(values.out).toLowerCase()];
  if (values.to !== undefined && named !== undefined && named !== values.to) {
    throw new UsageError(`--to ${values.to} does not match -o ${values.out}; give -o a .${values.to === 'md' ? 'md' : values.to} file or a folder`);
  }
  const format = (values.to as OutputFormat | undefined) ?? named ?? 'json';
  const csvEncoding = parseCsvEncoding(values.csvEncoding, format);
  let target: OutputTarget;
  if (values.out !== undefined && named !== undefined) {
    if (inputs > 1 && !COMBINABLE.includes(format)) {
      throw new UsageError(`${inputs} inputs cannot share one .${format} file; give -o a folder, or use --to ${COMBINABLE.join('|')} to combine them`);
    }
    target = { kind: 'file', path: values.out };
  } else if (values.out !== undefined) {
    target = { kind: 'folder', path: values.out };
  } else if (single) {
    if (format === 'xlsx' && stdoutIsTTY) throw new UsageError('an .xlsx is binary and is not written to a terminal; give -o <file>.xlsx or redirect the output');
    target = { kind: 'stdout' };
  } else {
    target = { kind: 'folder', path: null };
  }
  return { format, csvEncoding, target };
}

function parseCsvEncoding(value: string | undefined, format: OutputFormat): CsvEncoding {
  if (value === undefined) return 'utf-8-bom';
  if (format !== 'csv') throw new UsageError('--csv-encoding applies to CSV output only (--to csv)');
  const name = value.toLowerCase();
  // GBK readers read GB18030 text of GBK's characters byte for byte the same.
  if (name === 'gb18030' || name === 'gbk') return 'gb18030';
  if (name === 'utf-8-bom' || name === 'utf-8' || name === 'utf8') return name === 'utf8' ? 'utf-8' : name;
  throw new UsageError(`--csv-encoding must be utf-8-bom (the default), utf-8 or gb18030, not '${value}'`);
}

/** One output file's contents: text (UTF-8) or bytes. */
export type Rendered = string | Uint8Array;

/**
 * Renders tables in the plan's format (JSON is the model itself, pretty-printed unless `compact`);
 * the writers load only when asked for (the .xlsx writer brings fflate). Several tables are
 * combined (jsonl, csv, xlsx). CSV also gives its
 * department index, which goes beside a CSV file as `<name>.departments.csv`.
 */
export async function render(plan: OutputPlan, tables: readonly TaskTable[], compact = false): Promise<{ main: Rendered; departments?: Rendered }> {
  const { format, csvEncoding } = plan;
  switch (format) {
    case 'json':
      return { main: `${JSON.stringify(tables[0], null, compact ? undefined : 2)}\n` };
    case 'jsonl':
      return { main: (await import('../output/jsonl.js')).toJsonl(tables) };
    case 'csv': {
      const csv = await import('../output/csv.js');
      return { main: csv.encodeCsv(csv.toCsv(tables), csvEncoding), departments: csv.encodeCsv(csv.departmentIndexCsv(tables), csvEncoding) };
    }
    case 'xlsx':
      return { main: (await import('../output/xlsx.js')).toXlsx(tables) };
    case 'md':
      return { main: (await import('../output/markdown.js')).toMarkdown(tables[0] as TaskTable) };
    case 'html':
      return { main: (await import('../output/html.js')).toHtml(tables[0] as TaskTable) };
  }
}

/** The department index's file beside a CSV file: `all.csv` → `all.departments.csv`. */
export function departmentsPath(csvPath: string): string {
  const ext = extname(csvPath);
  return `${csvPath.slice(0, csvPath.length - ext.length)}.departments${ext || '.csv'}`;
}
