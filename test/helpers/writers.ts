import { strToU8, zipSync } from 'fflate';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { sprm, tableRow, TC_VERT_MERGED, TC_VERT_RESTART, writeDoc, type DocParagraph } from './doc-writer.js';
import { narrowest, writeGrid, type GridCell } from './grid-writer.js';
import { headerRow, sectionMarker, taskMarker, type AbstractTable, type Department, type DepartmentCell } from './task-tables.js';

/**
 * Test writers: each renders an abstract task table in one format, the way the software that makes
 * such files writes it, independently of fenjie's readers. Text layouts write a merged cell as a
 * blank cell on every row it covers; HTML writes rowspan and docx w:vMerge restart/continue.
 */

/** One slot of the laid-out table. */
type Slot =
  /** A cell that starts here: its lines, how many rows it spans, and its text on one line for formats without line breaks in a cell. */
  | { kind: 'cell'; lines: string[]; rowSpan: number; flat: string }
  /** Covered by the cell above. */
  | { kind: 'covered' };

/** A row: slots across the table, or one cell spanning it (a title or section row). */
type Row = { kind: 'slots'; slots: Slot[] } | { kind: 'spanning'; text: string };

interface Layout {
  width: number;
  title: string;
  /** Paragraphs before the title: an attachment label. */
  preamble: string[];
  /** The title as a spanning row above the header (else text before the table). */
  titleRow: boolean;
  header: string[];
  rows: Row[];
}

const cellOf = (lines: string[], flatJoin: string, rowSpan: number): Slot => ({ kind: 'cell', lines, rowSpan, flat: lines.join(flatJoin) });
const COVERED: Slot = { kind: 'covered' };

/** A department cell's lines: one name a line, or one line of names between separators. */
function departmentLines(departments: Department[], separator: string): string[] {
  const names = departments.map((d) => d.written);
  return separator === '\n' ? names : [names.join(separator)];
}

/** How many rows each measure's department cell spans: itself and the merged cells after it, across tasks too. */
function departmentSpans(table: AbstractTable): number[] {
  const cells: DepartmentCell[] = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => m.departments)));
  return cells.map((cell, i) => {
    let n = 1;
    while (cell.kind !== 'merged' && cells[i + n]?.kind === 'merged') n += 1;
    return n;
  });
}

/** A space between every two characters, as Word's justified headers export: "责 任 部 门". */
function spread(text: string): string {
  return [...text].join(' ');
}

/** A run of spaces after the first character, as the seed's "建   设". */
function gap(text: string): string {
  const [first = '', ...rest] = [...text];
  return `${first}   ${rest.join('')}`;
}

/** Lays the abstract table out as rows of cells with row spans; with `noise`, adds the white space normalization removes. */
function layout(table: AbstractTable): Layout {
  const { noise } = table.style;
  const header = headerRow(table).map((h) => (noise ? spread(h) : h));
  const pad = (lines: string[]) => (noise ? lines.map((l) => ` ${l} `) : lines);
  const cell = (lines: string[], flatJoin = ' ', rowSpan = 1): Slot => cellOf(pad(lines), flatJoin, rowSpan);
  const spans = departmentSpans(table);
  const rows: Row[] = [];
  let taskNumber = 0;
  let measureNumber = 0;
  table.sections.forEach((section, s) => {
    const sectionText = `${sectionMarker(s)}${noise ? gap(section.title) : section.title}`;
    const sectionRows = section.tasks.reduce((n, t) => n + t.measures.length, 0);
    if (table.sectionLayout === 'rows') rows.push({ kind: 'spanning', text: sectionText });
    section.tasks.forEach((task, t) => {
      taskNumber += 1;
      const taskLines = [`${taskMarker(table, taskNumber)}${task.lines[0] ?? ''}`, ...task.lines.slice(1)];
      task.measures.forEach((measure, m) => {
        const span = spans[measureNumber++] ?? 1;
        const slots: Slot[] = [];
        if (table.sectionLayout === 'column') slots.push(t === 0 && m === 0 ? cell([sectionText], ' ', sectionRows) : COVERED);
        slots.push(m === 0 ? cell(taskLines, ' ', task.measures.length) : COVERED);
        slots.push(cell(measure.lines));
        const departments = measure.departments;
        if (departments.kind === 'own') {
          slots.push(cell(departmentLines(departments.departments, departments.separator), '、', span));
        } else if (departments.kind === 'ditto') {
          slots.push(cell([departments.mark], '、', span));
        } else {
          slots.push(COVERED);
        }
        rows.push({ kind: 'slots', slots });
      });
    });
  });
  return { width: header.length, title: table.title, preamble: table.style.attachment ? ['附件2'] : [], titleRow: table.style.titleRow, header, rows };
}

/** The rows as text cells, merged cells blank: what the text layouts and Markdown write. */
function blankMergedRows(out: Layout): string[][][] {
  const blank = (): string[] => [''];
  return out.rows.map((row) =>
    row.kind === 'spanning'
      ? [[row.text], ...Array.from({ length: out.width - 1 }, blank)]
      : row.slots.map((slot) => (slot.kind === 'cell' ? slot.lines : blank())),
  );
}

/** The rows as text cells, merged cells left out: what pages copied without their row spans give. */
function omittedMergedRows(out: Layout): string[][][] {
  return out.rows.map((row) => (row.kind === 'spanning' ? [[row.text]] : row.slots.flatMap((slot) => (slot.kind === 'cell' ? [slot.lines] : []))));
}

/** The same as blank or left out, with each cell's lines joined for formats that have no line breaks in a cell. */
function flatRows(out: Layout, omit: boolean): string[][] {
  return out.rows.map((row) => {
    if (row.kind === 'spanning') return [row.text, ...(omit ? [] : Array.from({ length: out.width - 1 }, () => ''))];
    return row.slots.flatMap((slot) => (slot.kind === 'cell' ? [slot.flat] : omit ? [] : ['']));
  });
}

/** How the text layouts and Markdown write a merged cell: as a blank cell, or not at all (a shorter row). */
export interface BlankWriterOptions {
  /** Leave merged cells out instead of writing them blank. Default: false. */
  omitMerged?: boolean;
}

/** Pipe rows as pages copy them may also leave the pipes inside cells unescaped. */
export interface PipeWriterOptions extends BlankWriterOptions {
  /** Write a pipe inside a cell as `\|`. Default: true. */
  escapePipes?: boolean;
}

/** Word's text export (tab-led cells): the title line, then every cell on a line of its own after a TAB, further lines without one. */
export function writeTabLed(table: AbstractTable): string {
  const out = layout(table);
  const lines: string[] = [];
  const writeRow = (cells: string[][]) => {
    for (const cellLines of cells) lines.push(`\t${cellLines[0] ?? ''}`, ...cellLines.slice(1));
    if (table.style.blankLineAfterRow) lines.push('');
  };
  lines.push(...out.preamble);
  if (out.titleRow) writeRow([[out.title], ...Array.from({ length: out.width - 1 }, () => [''])]);
  else lines.push(out.title, '');
  writeRow(out.header.map((h) => [h]));
  for (const row of blankMergedRows(out)) writeRow(row);
  return lines.join(table.style.lineEnd);
}

/** A TSV cell as spreadsheets copy it: quoted, with quotes doubled, when it holds a line break, TAB or quote. */
function tsvCell(lines: string[]): string {
  const text = lines.join('\n');
  return /[\n\t"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel's clipboard: one row a line (CRLF), TABs between cells, line breaks inside quoted cells, merged cells blank. */
export function writeTsv(table: AbstractTable, { omitMerged = false }: BlankWriterOptions = {}): string {
  const out = layout(table);
  const rows = [out.header.map((h) => [h]), ...(omitMerged ? omittedMergedRows(out) : blankMergedRows(out))];
  // The title as a row of the sheet (TABs after it), or as a line above the copied range.
  const title = out.titleRow ? [out.title, ...Array.from({ length: out.width - 1 }, () => '')].join('\t') : out.title;
  return [...out.preamble, title, ...rows.map((cells) => cells.map(tsvCell).join('\t'))].join('\r\n') + '\r\n';
}

/** A CSV field as Excel writes it: quoted, with quotes doubled, when it holds the separator, a quote or a line break. */
function csvField(text: string): string {
  return /[,"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Excel's "CSV" save: every row of the sheet as many fields as the sheet is wide (the title and the
 * attachment label padded with empty fields), CRLF, line breaks inside quoted fields, merged cells blank.
 */
export function writeCsv(table: AbstractTable): string {
  const out = layout(table);
  const padded = (text: string) => [text, ...Array.from({ length: out.width - 1 }, () => '')];
  const rows = [...out.preamble.map(padded), padded(out.title), out.header, ...blankMergedRows(out).map((cells) => cells.map((lines) => lines.join('\n')))];
  return rows.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * An .xlsx as Excel writes one: shared strings (a cell's lines joined by line breaks, as Alt+Enter
 * makes them), the title in a row of its own above the header (merged across the table when the
 * style has a title row), row spans and spanning rows as merged ranges.
 */
export function writeXlsx(table: AbstractTable): Uint8Array {
  const out = layout(table);
  const strings: string[] = [];
  const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // The tables written here are narrower than 26 columns: one letter names a column.
  const column = (c: number) => String.fromCharCode(65 + c);
  const rows: string[] = [];
  const merges: string[] = [];
  const put = (cells: { column: number; text: string }[]) => {
    const r = rows.length + 1;
    const xml = cells.map(({ column: c, text }) => `<c r="${column(c)}${r}" t="s"><v>${strings.push(xmlText(text)) - 1}</v></c>`).join('');
    rows.push(`<row r="${r}">${xml}</row>`);
    return r;
  };
  for (const p of out.preamble) put([{ column: 0, text: p }]);
  const titleRow = put([{ column: 0, text: out.title }]);
  if (out.titleRow) merges.push(`A${titleRow}:${column(out.width - 1)}${titleRow}`);
  put(out.header.map((text, c) => ({ column: c, text })));
  for (const row of out.rows) {
    const r = rows.length + 1;
    if (row.kind === 'spanning') {
      put([{ column: 0, text: row.text }]);
      merges.push(`A${r}:${column(out.width - 1)}${r}`);
      continue;
    }
    const cells: { column: number; text: string }[] = [];
    row.slots.forEach((slot, c) => {
      if (slot.kind !== 'cell') return;
      cells.push({ column: c, text: slot.lines.join('\n') });
      if (slot.rowSpan > 1) merges.push(`${column(c)}${r}:${column(c)}${r + slot.rowSpan - 1}`);
    });
    put(cells);
  }
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const mergeXml = merges.length > 0 ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${ns}"><sheetData>${rows.join('')}</sheetData>${mergeXml}</worksheet>`),
    'xl/sharedStrings.xml': strToU8(`<sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('')}</sst>`),
  });
}

/** A pipe-row cell: pipes inside it escaped. */
function escapePipe(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * Rows as pages copy them: `a | b | c`, with or without outer pipes; cells on one line (lines joined
 * with a space, department names with 、) except the last, whose further lines may follow on lines of their own.
 */
export function writePipeRows(table: AbstractTable, { omitMerged = false, escapePipes = true }: PipeWriterOptions = {}): string {
  const out = layout(table);
  const { continuationLines } = table.style;
  // A row of one cell needs its outer pipes, or it reads as a further line of the row above.
  const outerPipes = table.style.outerPipes || omitMerged;
  const joinRow = (cells: string[]) => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
  const pipeCell = escapePipes ? escapePipe : (text: string) => text;
  const lines = [...out.preamble, out.title, '', joinRow(out.header)];
  const flat = flatRows(out, omitMerged);
  (omitMerged ? omittedMergedRows(out) : blankMergedRows(out)).forEach((cells, r) => {
    const last = cells.at(-1) ?? [''];
    // Further lines go on lines of their own only when they hold no pipe (a line with one is a row).
    if (continuationLines && last.length > 1 && !last.some((l) => l.includes('|'))) {
      const row = flat[r] as string[];
      lines.push(joinRow([...row.slice(0, -1).map(pipeCell), pipeCell(last[0] ?? '')]), ...last.slice(1));
    } else {
      lines.push(joinRow((flat[r] as string[]).map(pipeCell)));
    }
  });
  return lines.join(table.style.lineEnd);
}

/** Page chrome that web copies leave around a table. */
const CHROME_BEFORE = ['首页 > 政务公开 > 通知公告', '• |', '【字体：大 中 小】'];
const CHROME_AFTER = ['打印本页 | 关闭窗口', '主办单位：某局'];

/** How a web page flattens a table (issue #13). */
export interface WebCopyOptions {
  /**
   * `pipe-rows`: one row a line, a trailing pipe after every row, merged cells dropped and the row
   * padded at its end with empty cells (`3.… | 各科室 | |`); `separated-cells`: every cell on its own
   * line(s), then a line holding only `|`, merged cells dropped; `closed-cells`: every cell on one line
   * ending in ` |`, merged cells dropped; `blank-line-cells`: every cell a paragraph, an empty line
   * between any two, merged cells dropped, header labels of four characters or more wrapped over two
   * lines ("具体" over "措施").
   */
  layout: 'pipe-rows' | 'separated-cells' | 'closed-cells' | 'closed-rows' | 'blank-line-cells';
  /** Put page chrome (crumbs, `• |`, print buttons, footer) before and after the table. */
  chrome: boolean;
  /**
   * `pipe-rows` only: a cell's lines stay on lines of their own, as a browser copies a cell with line
   * breaks (`57.… | ①…` over `②… | 城管局 |`), instead of being joined with a space. Default: false.
   */
  cellLines?: boolean;
}

/** A table as a web page's text copy flattens it: no row spans, merged cells dropped, page chrome around. */
export function writeWebCopy(table: AbstractTable, { layout: kind, chrome, cellLines = false }: WebCopyOptions): string {
  const out = layout(table);
  const rows = cellLines
    ? omittedMergedRows(out).map((cells) => cells.map((cell) => cell.map((line) => escapePipe(line.trim())).join('\n')))
    : flatRows(out, true).map((cells) => cells.map((cell) => escapePipe(cell.trim())));
  const lines: string[] = [...(chrome ? CHROME_BEFORE : []), ...out.preamble, out.title];
  if (kind === 'pipe-rows') {
    lines.push(`${out.header.join(' | ')} |`);
    for (const cells of rows) lines.push(...`${[...cells, ...Array.from({ length: out.width - cells.length }, () => '')].join(' | ')} |`.split('\n'));
  } else if (kind === 'closed-rows') {
    // Each cell closed by a pipe at its line's end, each row by a line of a lone pipe.
    for (const cell of out.header) lines.push(`${cell} |`);
    for (const cells of rows) lines.push(...cells.map((cell) => `${cell} |`), '|');
  } else if (kind === 'blank-line-cells') {
    const wrapped = out.header.map((label) => (label.trim().length >= 4 ? `${label.trim().slice(0, 2)}\n${label.trim().slice(2)}` : label));
    lines.push('', [...wrapped, ...rows.flat()].join('\n\n'));
  } else {
    for (const cell of [...out.header, ...rows.flat()]) lines.push(...(kind === 'separated-cells' ? [cell, '|'] : [`${cell} |`]));
  }
  lines.push(...(chrome ? ['', ...CHROME_AFTER] : []));
  return lines.join(table.style.lineEnd);
}

/** How a page-to-text tool flattens a table with spaces (issue #13). */
export interface SpaceRowsOptions {
  /** Spaces between two cells; a blank (merged) cell is an empty cell between two such gaps. */
  spaces: number;
  /** Put page chrome (crumbs, a print button) before the table. */
  chrome: boolean;
}

/**
 * A table as page-to-text tools flatten it with spaces: one row a line, the same run of spaces
 * between every two cells, merged cells written as empty cells (a wider gap), a cell's lines joined
 * with a space (department names with 、), the header's labels separated like the cells.
 */
export function writeSpaceRows(table: AbstractTable, { spaces, chrome }: SpaceRowsOptions): string {
  const out = layout(table);
  const separator = ' '.repeat(spaces);
  const lines = [...(chrome ? CHROME_BEFORE : []), ...out.preamble, out.title, out.header.join(separator)];
  for (const cells of flatRows(out, false)) lines.push(cells.map((cell) => cell.trim()).join(separator).trimEnd());
  return lines.join(table.style.lineEnd);
}

/** Markdown text: every ASCII punctuation character backslash-escaped, so that none is read as markup. */
function markdownText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}

/** A GFM table with empty merged cells and <br> between a cell's lines, after the title as a heading or paragraph. */
export function writeMarkdown(table: AbstractTable, { omitMerged = false }: BlankWriterOptions = {}): string {
  const out = layout(table);
  const runs = titleRuns(table, out.title);
  const titleText = runs ? `**${runs[0]}**${markdownText(runs[1])}` : markdownText(out.title);
  const row = (cells: string[][]) => `| ${cells.map((lines) => lines.map(markdownText).join('<br>')).join(' | ')} |`;
  return [
    ...out.preamble.flatMap((p) => [markdownText(p), '']),
    table.style.markdownHeading ? `# ${titleText}` : titleText,
    '',
    row(out.header.map((h) => [h])),
    `| ${out.header.map(() => '---').join(' | ')} |`,
    ...(omitMerged ? omittedMergedRows(out) : blankMergedRows(out)).map(row),
    '',
  ].join('\n');
}

/** Text as HTML: &, <, > and " as entities. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The title with its year in a run of its own ("2019年" in bold), as [year, rest], when the style asks for it. */
function titleRuns(table: AbstractTable, title: string): [string, string] | null {
  const year = `${table.year}年`;
  return table.style.boldYear && title.startsWith(year) ? [year, title.slice(year.length)] : null;
}

/** An HTML table with rowspans and colspans, lines as <p> or separated by <br>, title before it or in a spanning row. */
export function writeHtml(table: AbstractTable): string {
  const out = layout(table);
  const { htmlParagraphs, htmlTitleElement } = table.style;
  // Spaces around a cell's text (the style's noise) as no-break spaces, which normalization trims too.
  const text = (line: string) => escapeHtml(line).replace(/^ | $/g, '&nbsp;');
  const content = (lines: string[]) => (htmlParagraphs ? lines.map((l) => `<p>${text(l)}</p>`).join('') : lines.map(text).join('<br>'));
  const runs = titleRuns(table, out.title);
  const bodyTitle = runs ? `<b>${escapeHtml(runs[0])}</b>${escapeHtml(runs[1])}` : escapeHtml(out.title);
  const td = (lines: string[], spans = '') => `<td${spans}>${content(lines)}</td>`;
  const html = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">'];
  if (htmlTitleElement) html.push(`<title>${escapeHtml(out.title)}</title>`);
  html.push('</head><body>', ...out.preamble.map((p) => `<p>${escapeHtml(p)}</p>`));
  if (!out.titleRow) html.push(`<h1>${bodyTitle}</h1>`);
  html.push('<table border="1">');
  if (out.titleRow) html.push(`<tr><td colspan="${out.width}">${bodyTitle}</td></tr>`);
  html.push(`<tr>${out.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`);
  for (const row of out.rows) {
    if (row.kind === 'spanning') {
      html.push(`<tr>${td([row.text], ` colspan="${out.width}"`)}</tr>`);
      continue;
    }
    const cells = row.slots.flatMap((slot) => (slot.kind === 'cell' ? [td(slot.lines, slot.rowSpan > 1 ? ` rowspan="${slot.rowSpan}"` : '')] : []));
    html.push(`<tr>${cells.join('')}</tr>`);
  }
  html.push('</table>', '</body></html>', '');
  return html.join('\n');
}

/**
 * A .docx written by the `docx` package: a cell's lines as paragraphs or as w:br line breaks,
 * w:vMerge restart/continue for row spans, w:gridSpan for rows spanning the table.
 */
export async function writeDocx(table: AbstractTable): Promise<Uint8Array> {
  const out = layout(table);
  const paragraphs = (lines: string[]) =>
    table.style.docxBreaks
      ? [new Paragraph({ children: lines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : 0 })) })]
      : lines.map((l) => new Paragraph({ children: [new TextRun(l)] }));
  const runs = titleRuns(table, out.title);
  const title = new Paragraph({ children: runs ? [new TextRun({ text: runs[0], bold: true }), new TextRun(runs[1])] : [new TextRun(out.title)] });
  const spanning = (children: Paragraph[]) => new TableRow({ children: [new TableCell({ columnSpan: out.width, children })] });
  const rows: TableRow[] = [];
  if (out.titleRow) rows.push(spanning([title]));
  rows.push(new TableRow({ tableHeader: true, children: out.header.map((h) => new TableCell({ children: paragraphs([h]) })) }));
  for (const row of out.rows) {
    if (row.kind === 'spanning') {
      rows.push(spanning(paragraphs([row.text])));
      continue;
    }
    const cells = row.slots.map((slot) => {
      if (slot.kind === 'covered') return new TableCell({ verticalMerge: VerticalMergeType.CONTINUE, children: paragraphs(['']) });
      return new TableCell({ ...(slot.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}), children: paragraphs(slot.lines) });
    });
    rows.push(new TableRow({ children: cells }));
  }
  const before = [...out.preamble.map((p) => new Paragraph({ children: [new TextRun(p)] })), ...(out.titleRow ? [] : [title])];
  const document = new Document({ creator: 'fenjie property tests', sections: [{ children: [...before, new Table({ rows })] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}


/**
 * A Word 97 .doc as `writeDoc` (test/helpers/doc-writer.ts) writes one, for tables too large for
 * LibreOffice to convert in reasonable time (a 20,000-measure .doc took it over 40 minutes): each
 * line of a cell a paragraph in the table, the last ending in a cell mark; each row ending in a
 * row-end mark whose sprmTDefTable gives the cell edges and the vertical merges (fVertRestart,
 * fVertMerge); rows spanning the table one cell as wide as all.
 */
export function writeDocTable(table: AbstractTable): Uint8Array {
  const out = layout(table);
  const COLUMN = 1500;
  const edges = Array.from({ length: out.width + 1 }, (_, i) => i * COLUMN);
  const paragraphs: DocParagraph[] = [];
  const spanning = (text: string) => paragraphs.push(...tableRow([[text]], sprm.defTable([0, out.width * COLUMN])));
  for (const p of out.preamble) paragraphs.push({ text: `${p}\r` });
  if (out.titleRow) spanning(out.title);
  else paragraphs.push({ text: `${out.title}\r` });
  paragraphs.push(...tableRow(out.header.map((h) => [h]), [...sprm.defTable(edges), ...sprm.header]));
  for (const row of out.rows) {
    if (row.kind === 'spanning') {
      spanning(row.text);
      continue;
    }
    const flags = row.slots.map((slot) => (slot.kind === 'covered' ? TC_VERT_MERGED : slot.rowSpan > 1 ? TC_VERT_RESTART : 0));
    paragraphs.push(...tableRow(row.slots.map((slot) => (slot.kind === 'covered' ? [] : slot.lines)), sprm.defTable(edges, flags)));
  }
  paragraphs.push({ text: '\r' });
  return writeDoc({ paragraphs });
}

/**
 * A grid table as pandoc (`box: false`: `+---+` borders, `+===+` under the header) or w3m (`box:
 * true`: box drawing) writes it, row spans and the spanning title and section rows drawn as spans,
 * each cell's lines as paragraphs between empty lines, wrapped to the column widths.
 */
export function writeGridTable(table: AbstractTable, { box }: { box: boolean }): string {
  const out = layout(table);
  const cells: GridCell[] = [];
  let row = 0;
  const spanning = (text: string) => cells.push({ row: row++, column: 0, rowSpan: 1, colSpan: out.width, paragraphs: [text] });
  if (out.titleRow) spanning(out.title);
  const headerRows = row + 1;
  out.header.forEach((label, column) => cells.push({ row, column, rowSpan: 1, colSpan: 1, paragraphs: [label] }));
  row += 1;
  for (const tableRow of out.rows) {
    if (tableRow.kind === 'spanning') {
      spanning(tableRow.text);
      continue;
    }
    tableRow.slots.forEach((slot, column) => {
      if (slot.kind === 'cell') cells.push({ row, column, rowSpan: slot.rowSpan, colSpan: 1, paragraphs: slot.lines.length > 0 ? slot.lines : [''] });
    });
    row += 1;
  }
  // Widths that make most cells wrap, different in every column.
  const widths = narrowest(cells, out.header.map((_, c) => 8 + ((c * 5 + table.title.length) % 9) * 2), box);
  const grid = writeGrid(cells, { box, widths, headerRows: box ? 0 : headerRows });
  return [...out.preamble, ...(out.titleRow ? [] : [out.title]), '', grid, ''].join(table.style.lineEnd);
}

/** How a browser gives a table as text (issue #13). */
export interface BrowserTextOptions {
  /**
   * `paragraphs`: Chromium's innerText of cells holding <p> paragraphs — a line of a lone TAB
   * between cells, a blank line between a cell's paragraphs, four blank lines after a row;
   * `breaks`: innerText of cells of text with <br> — a TAB between cells, a line break after a row
   * and inside a cell alike.
   */
  cells: 'paragraphs' | 'breaks';
}

/**
 * A table as Chromium's `document.body.innerText` writes it (the layout measured on Chromium 156,
 * fixtures/scripts/render-browser-text.mjs): header cells between TABs on one line, merged cells
 * left out (rowspan), a heading row as one cell, HTML white space collapsed.
 */
export function writeBrowserText(table: AbstractTable, { cells }: BrowserTextOptions): string {
  const out = layout(table);
  const collapse = (line: string) => line.replace(/\s+/g, ' ').trim();
  const paragraphs = cells === 'paragraphs';
  const cell = (lines: string[]) => lines.map(collapse).filter((line) => line !== '').join(paragraphs ? '\n\n' : '\n');
  const rows = omittedMergedRows(out).map((row) => row.map(cell).join(paragraphs ? '\n\n\t\n\n' : '\t'));
  const before = [...out.preamble, out.title].join('\n\n');
  return `${before}\n${out.header.map(collapse).join('\t')}\n${paragraphs ? '\n\n' : ''}${rows.join(paragraphs ? '\n\n\n\n\n' : '\n')}`;
}
