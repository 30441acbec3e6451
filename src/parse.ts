import { FenjieError } from './errors.js';
import { openGrid, type SpanOptions } from './grid/spans.js';
import { CellBudget, formatSize, limitExceeded, type Limits } from './limits.js';
import type { GridStream } from './grid/grid.js';
import { buildColumns, buildModel, cellText } from './model/build.js';
import { withSynonyms, type RoleOf } from './model/roles.js';
import type { Column, Diagnostic, SourceFormat, TaskTable } from './model/schema.js';
import { applyFirstLeads } from './model/first-lead.js';
import { buildProse } from './model/prose.js';
import { findTitle, findYear, isAttachmentLabel } from './model/title.js';
import { ownCopy } from './normalize/own-copy.js';
import { normalizeWhitespace } from './normalize/whitespace.js';
import { normalizeOptions, type ParseOptions, type ParseSettings } from './options.js';
import { decode } from './read/decode.js';
import { detectTextFormat, foreignFormat, isOle, isZip, type BinaryFormat } from './read/detect.js';
import type { OleFile } from './read/ole.js';
import type { RawDocument, RawTable } from './read/raw-table.js';
import { runRules } from './validate/index.js';
import { diagnostic } from './i18n/messages.js';

/** Text or bytes after decoding, with the format it is in. */
interface Input {
  format: SourceFormat;
  text: string;
  bytes: Uint8Array | null;
  encoding: string;
  /** The opened container of an OLE file (.doc, .xls, .et, .wps), so that its reader need not open it again. */
  ole: OleFile | null;
}

/** A reader turns one format into tables; readers load only when their format is parsed. */
type Reader = (input: Input, name: string, limits: Limits, budget: CellBudget) => Promise<RawDocument>;

const READERS: Record<SourceFormat, Reader> = {
  text: async (input, name, _limits, budget) => (await import('./read/text.js')).readText(input.text, name, budget),
  html: async (input, name, limits, budget) => (await import('./read/html.js')).readHtml(input.text, name, limits.maxNestingDepth, budget),
  docx: async (input, name, limits, budget) => (await import('./read/docx.js')).readDocx(input.bytes as Uint8Array, name, limits, budget),
  markdown: async (input, name, _limits, budget) => (await import('./read/markdown.js')).readMarkdown(input.text, budget),
  xlsx: async (input, name, limits, budget) => (await import('./read/xlsx.js')).readXlsx(input.bytes as Uint8Array, name, limits, budget),
  xls: async (input, name, limits, budget) => (await import('./read/xls.js')).readXls(input.ole as OleFile, name, limits, budget),
  doc: async (input, name, limits) => (await import('./read/doc.js')).readDoc((stream) => input.ole?.stream(stream) ?? null, name, limits),
};

const BINARY_FORMATS: ReadonlySet<SourceFormat> = new Set<BinaryFormat>(['docx', 'xlsx', 'xls', 'doc']);

/**
 * What {@link parse} reads: text, or the bytes of a file as a `Uint8Array` (a Node `Buffer` is
 * one) or an `ArrayBuffer` (as `fetch`, `FileReader` and `File.arrayBuffer()` give).
 */
export type ParseInput = string | Uint8Array | ArrayBuffer;

/** The input as text or a byte view; anything else is API misuse, said in one line. */
function asBytesOrText(input: ParseInput, name: string): string | Uint8Array {
  // Typed as ParseInput, but JavaScript callers can pass anything.
  const value: unknown = input;
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new FenjieError('invalid-options', `${name}: parse() takes a string, a Uint8Array (or Buffer) or an ArrayBuffer, not ${what}`);
}

/**
 * Parses a task decomposition table from text or bytes into the fenjie model: merged cells resolved,
 * departments split, diagnostics collected. Throws FenjieError only for input that cannot be read.
 */
export async function parse(input: ParseInput, options?: ParseOptions): Promise<TaskTable> {
  const settings = await normalizeOptions(options);
  const name = settings.fileName ?? 'input';
  input = asBytesOrText(input, name);
  const { limits } = settings;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > limits.maxInputBytes) throw limitExceeded(name, `the input is ${formatSize(size)}`, 'maxInputBytes', formatSize(limits.maxInputBytes));
  try {
    return await parseWithin(input, settings, name);
  } catch (error) {
    // Whatever bad input does, the caller gets a FenjieError; anything else is a fenjie bug, named as one.
    if (error instanceof FenjieError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FenjieError('internal-error', `${name}: fenjie failed on this input (${reason}); please report this with the file`, { cause: error });
  }
}

async function parseWithin(input: string | Uint8Array, settings: ParseSettings, name: string): Promise<TaskTable> {
  const table = await readModel(input, settings, name);
  table.diagnostics = runRules(table, settings);
  // The zod schemas load only for this check, so that a parse without it never loads zod.
  if (settings.checkModel) (await import('./model/check.js')).checkModel(table, name);
  // The model is returned as built, not as zod copied it: a copy would set an `extra` key such as
  // "__proto__" by assignment and lose it.
  return table;
}

/**
 * Decodes, reads and builds the model: a task table from its grid, or else a plan written as
 * numbered paragraphs. The chosen table's grid is read into the model a row at a time, each of the
 * reader's rows let go once it is read, and the other tables are let go before: no whole grid is
 * made, and a parse's peak memory is not the reader's rows, a grid and the model at once.
 */
async function readModel(input: string | Uint8Array, settings: ParseSettings, name: string): Promise<TaskTable> {
  const { limits } = settings;
  const decoded = await prepare(input, settings.format, name, settings.encoding);
  // Readers count cells as they create them (a CellBudget), so that the limit stops a document
  // before it fills memory; the count after reading is the backstop for a reader that does not.
  let document: RawDocument | null = await READERS[decoded.format](decoded, name, limits, new CellBudget(limits.maxCells, name));
  const cells = document.tables.reduce((sum, table) => sum + table.rows.reduce((n, row) => n + row.cells.length, 0), 0);
  if (cells > limits.maxCells) throw limitExceeded(name, `the document has ${cells} cells`, 'maxCells', String(limits.maxCells));
  const roleOf = withSynonyms(settings.columns);
  const picked = document.tables.length > 0 ? pickTable(document.tables, settings.table, name, { roleOf, maxCells: limits.maxCells, name, releaseRows: true }) : null;
  const source = { name: settings.fileName, format: decoded.format, dialect: document.dialect, encoding: document.encoding ?? decoded.encoding };
  let table: TaskTable;
  if (picked && (settings.table !== null || isTaskTable(picked.columns))) {
    // The other RawTables are garbage from here on, and the chosen one's rows once they are read.
    document = null;
    table = fromTable(picked, source, settings, roleOf);
  } else {
    // No task table: the document may be a plan written as numbered paragraphs (分工方案).
    const paragraphs = document.paragraphs ?? [];
    if (paragraphs.length > limits.maxCells) throw limitExceeded(name, `the document has ${paragraphs.length} paragraphs`, 'maxCells', String(limits.maxCells));
    const plan = buildProse(paragraphs, { aliases: settings.aliases });
    if (plan) {
      const { title, year, preamble, ...built } = plan;
      table = { schemaVersion: 2 as const, title, year, source: { ...source, dialect: 'prose' }, preamble, postscript: [], ...built };
    } else if (picked) {
      table = fromTable(picked, source, settings, roleOf);
    } else {
      const why = document.missing ?? `${name}: no table found`;
      throw new FenjieError('no-table', `${why}, and no plan written as numbered paragraphs either (no paragraph names a responsible unit, as in （牵头单位：…） or （…负责）)`);
    }
  }
  // "列第一位为牵头单位": a rule the document states once, for every measure.
  const firstLead = applyFirstLeads(table);
  return firstLead ? { ...table, diagnostics: [...table.diagnostics, firstLead] } : table;
}

/** The model of a task table, read from its grid. */
function fromTable({ grid, columns, text, others }: PickedTable, source: TaskTable['source'], settings: ParseSettings, roleOf: RoleOf): TaskTable {
  const title = findTitle(grid.before);
  const year = findYear(title, grid.before);
  const built = buildModel(grid, { roleOf, aliases: settings.aliases, year, columns });
  return {
    schemaVersion: 2 as const,
    title,
    year,
    source,
    preamble: paragraphsOf(text.before),
    postscript: paragraphsOf(text.after),
    ...built,
    diagnostics: [...built.diagnostics, ...others, ...unusedTitleRows(grid, title)],
  };
}

/** A task table names its measures and who is responsible for them in its header. */
function isTaskTable(columns: readonly Column[]): boolean {
  const roles = new Set(columns.map((column) => column.role));
  return roles.has('measure') && (roles.has('departments') || roles.has('lead') || roles.has('support'));
}

/** The non-empty paragraphs of text outside the table, whitespace-normalized, as copies that do not keep the input alive. */
function paragraphsOf(lines: readonly string[]): string[] {
  return lines
    .map(normalizeWhitespace)
    .filter((line) => line !== '')
    .map(ownCopy);
}

/** Rows above the header whose text did not become the title are reported, not dropped. */
function unusedTitleRows(grid: GridStream, title: string | null): Diagnostic[] {
  return grid.titleCells
    .filter((cell) => cellText(cell) !== title && !isAttachmentLabel(cellText(cell)))
    .map((cell) => diagnostic('spanning-row', 'info', { kind: 'title', text: cellText(cell) }, { table: grid.table, row: cell.row, column: cell.column, line: cell.line }));
}

/**
 * The table chosen, as its grid (not yet read past its header) and the text around it: not its
 * RawTable, whose rows the grid lets go as they are read (at 100k rows they are as large as the model).
 */
interface PickedTable {
  grid: GridStream;
  columns: Column[];
  text: { before: string[]; after: string[] };
  others: Diagnostic[];
}

/**
 * Chooses the task table among a document's tables: the one asked for (by number, or by sheet name
 * in a workbook), else the one whose header names the most column roles (a measure column first of
 * all), the larger on a tie; hidden sheets are chosen only by name or number. The tables left out
 * are reported as 'info', so that a reader of the diagnostics knows they were there.
 */
function pickTable(
  tables: RawTable[],
  wanted: number | string | null,
  name: string,
  options: SpanOptions & { roleOf: RoleOf },
): PickedTable {
  if (tables.length === 0) throw new FenjieError('no-table', `${name}: no table found`);
  const index = wantedIndex(tables, wanted, name);
  const grids = tables.map((raw, i) => openGrid(raw, i + 1, options));
  const scored = grids.map((grid, i) => ({ grid, columns: buildColumns(grid, options.roleOf), sheet: tables[i]?.sheet }));
  const visible = scored.filter((s) => !s.sheet?.hidden);
  const best =
    index !== null
      ? (scored[index] as (typeof scored)[number])
      : (visible.length > 0 ? visible : scored).reduce((a, b) => (tableScore(b.grid, b.columns) > tableScore(a.grid, a.columns) ? b : a));
  const others = scored
    .filter((s) => s !== best)
    .map(({ grid, columns, sheet }) =>
      diagnostic(
        'other-table',
        'info',
        {
          table: grid.table,
          rows: grid.rowCount,
          columns: grid.width,
          header: headerSummary(columns),
          // A workbook's table is named by its sheet, and chosen by that name (--sheet).
          ...(sheet ? { kind: sheet.hidden ? 'hidden-sheet' : 'sheet', sheet: sheet.name } : {}),
        },
        { table: grid.table, row: 1, column: 1, line: grid.head[0]?.[0]?.cell.line ?? null },
      ),
    );
  const raw = tables[best.grid.table - 1] as RawTable;
  return { grid: best.grid, columns: best.columns, text: { before: raw.before, after: raw.after ?? [] }, others };
}

/** The 0-based index of the table asked for by number or sheet name, or null when none was. */
function wantedIndex(tables: readonly RawTable[], wanted: number | string | null, name: string): number | null {
  if (wanted === null) return null;
  if (typeof wanted === 'number') {
    if (wanted > tables.length) throw new FenjieError('no-table', `${name}: table ${wanted} was asked for, but the document has ${tables.length}`);
    return wanted - 1;
  }
  const sheets = tables.map((t) => t.sheet?.name ?? null);
  const index = sheets.findIndex((sheet) => sheet !== null && sheet.trim() === wanted.trim());
  if (index >= 0) return index;
  if (/^[1-9]\d*$/.test(wanted.trim()) && Number(wanted) <= tables.length) return Number(wanted) - 1;
  const named = sheets.filter((sheet): sheet is string => sheet !== null);
  throw new FenjieError(
    'no-table',
    named.length > 0
      ? `${name}: sheet "${wanted}" was asked for, but the workbook's sheets with cells are ${named.map((s) => `"${s}"`).join(', ')}`
      : `${name}: table "${wanted}" was asked for by name, but only a workbook's sheets have names; give a number`,
  );
}

/** Known roles in the header, a measure column counting most; rows break ties. */
function tableScore(grid: GridStream, columns: readonly Column[]): number {
  const roles = new Set(columns.map((c) => c.role).filter((r) => r !== 'other'));
  return (roles.has('measure') ? 100 : 0) + roles.size * 10 + Math.min(grid.rowCount, 9) / 10;
}

function headerSummary(columns: readonly Column[]): string {
  return columns
    .map((c) => c.header)
    .filter(Boolean)
    .slice(0, 6)
    .join(' | ');
}

/**
 * A binary file read as text by mistake: a zip package (.docx, .xlsx) still starts with
 * "PK\x03\x04", an OLE file (.doc, .xls) with D0 CF 11 E0 (as Latin-1 or as U+FFFD replacements).
 */
function looksLikeBinaryText(text: string): string | null {
  if (/^PK[\u0003\u0005][\u0004\u0006]/.test(text)) return 'docx/.xlsx';
  if (/^(\u00d0\u00cf\u0011\u00e0|\ufffd\ufffd\u0011)/.test(text)) return 'doc/.xls';
  return null;
}

/** Decodes the input unless it is a binary format (zip package or OLE file), and settles its format. */
async function prepare(input: string | Uint8Array, format: ParseOptions['format'], name: string, declaredEncoding: string | null): Promise<Input> {
  const auto = format === 'auto' || !format;
  if (typeof input === 'string') {
    const binary = !auto && BINARY_FORMATS.has(format) ? format : looksLikeBinaryText(input);
    if (binary) {
      throw new FenjieError(
        'invalid-options',
        `${name}: a .${binary} file must be given as bytes (a Uint8Array, Buffer or ArrayBuffer), not as a string; read the file without an encoding (readFile(path), not readFile(path, 'utf8'))`,
      );
    }
    const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
    return { format: auto ? detectTextFormat(text, name) : format, text, bytes: null, encoding: 'utf-8', ole: null };
  }
  const foreign = foreignFormat(input);
  if (foreign) throw new FenjieError('unsupported-format', `${name}: this is ${foreign}`);
  if (isZip(input) || isOle(input) || (!auto && BINARY_FORMATS.has(format))) {
    // The container code loads only for binary input, and cfb only for OLE files.
    const binary = isZip(input) ? { format: (await import('./read/zip-format.js')).zipFormat(input, name), ole: null } : (await import('./read/container.js')).sniffBinary(input, name);
    if (binary) {
      if (!auto && binary.format !== format) {
        throw new FenjieError('invalid-options', `${name}: format '${format}' was asked for, but the bytes are a .${binary.format} file`);
      }
      return { format: binary.format, text: '', bytes: input, encoding: 'utf-8', ole: binary.ole };
    }
    if (!auto) throw new FenjieError('invalid-options', `${name}: format '${format}' was asked for, but the bytes are not a .${format} file`);
  }
  const { text, encoding } = decode(input, name, declaredEncoding ?? undefined);
  return { format: auto ? detectTextFormat(text, name) : format, text, bytes: input, encoding, ole: null };
}
