import { strToU8, zipSync } from 'fflate';
import type { TaskTable } from '../model/schema.js';
import { departmentIndexRecords } from './csv.js';
import { departmentIndex, MATRIX_LEGEND, ROLE_LABELS, type DepartmentIndex } from './department-index.js';
import { rowMatrix, tableList, type FlatRow, type RowColumn } from './rows.js';

/**
 * An .xlsx writer: SpreadsheetML written here, zipped with fflate. Cells are inline strings and
 * numbers (no shared-string table to keep in step), styled by a fixed style sheet.
 */

/** A cell: text, a number, or empty; with one of the {@link STYLE} indices. */
interface Cell {
  value: string | number | null;
  style: number;
}

/** One worksheet: rows of cells, column widths, merged ranges, and how the view is frozen. */
interface Sheet {
  name: string;
  rows: Cell[][];
  widths: number[];
  merges: string[];
  /** Rows and columns kept in view while scrolling (the header). */
  freeze: { rows: number; columns: number };
  /** Rows covered by the auto filter, from the header; 0 for none. */
  filterRows: number;
  /** Height in points of the first row, when the default is too low (vertical headers). */
  headerHeight?: number;
}

/** Indices into the cellXfs of {@link STYLES}. */
const STYLE = { plain: 0, header: 1, text: 2, number: 3, merged: 4, vertical: 5, centered: 6 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="bottom" textRotation="255"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** The widest a column gets, in characters; longer text wraps. */
const MAX_WIDTH: Record<RowColumn['kind'], number> = { 'long-text': 48, text: 24, number: 10 };

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell reference from 0-based row and column: (0, 0) → A1. */
function ref(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

// Characters XML 1.0 forbids (C0 controls but TAB, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text escaped for XML content and attributes, with characters XML cannot hold dropped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function cellXml(cell: Cell, r: number, c: number): string {
  const at = `r="${ref(r, c)}"${cell.style ? ` s="${cell.style}"` : ''}`;
  if (cell.value === null || cell.value === '') return `<c ${at}/>`;
  if (typeof cell.value === 'number') return `<c ${at}><v>${cell.value}</v></c>`;
  return `<c ${at} t="inlineStr"><is><t xml:space="preserve">${xmlText(cell.value)}</t></is></c>`;
}

function sheetXml(sheet: Sheet): string {
  const { rows, freeze } = sheet;
  const pane =
    freeze.rows + freeze.columns === 0
      ? ''
      : `<pane${freeze.columns ? ` xSplit="${freeze.columns}"` : ''}${freeze.rows ? ` ySplit="${freeze.rows}"` : ''} topLeftCell="${ref(freeze.rows, freeze.columns)}" activePane="${freeze.columns && freeze.rows ? 'bottomRight' : freeze.rows ? 'bottomLeft' : 'topRight'}" state="frozen"/>`;
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const body = rows
    .map((cells, r) => {
      const height = r === 0 && sheet.headerHeight ? ` ht="${sheet.headerHeight}" customHeight="1"` : '';
      return `<row r="${r + 1}"${height}>${cells.map((cell, c) => cellXml(cell, r, c)).join('')}</row>`;
    })
    .join('\n');
  const width = Math.max(1, rows[0]?.length ?? 0);
  const filter = sheet.filterRows > 1 ? `<autoFilter ref="${filterRange(sheet, width)}"/>` : '';
  const merges = sheet.merges.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>
${body}
</sheetData>${filter}${merges}
</worksheet>`;
}

function filterRange(sheet: Sheet, width: number): string {
  return `${ref(0, 0)}:${ref(sheet.filterRows - 1, width - 1)}`;
}

/**
 * How many character widths text takes in a spreadsheet: from the CJK radicals (U+2E80) up, which
 * covers ideographs, CJK punctuation and fullwidth forms, a character counts two. A plain code-unit
 * loop: widths are measured over every cell of every row.
 */
function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The low half of a surrogate pair adds nothing: the pair counts once, by its high half.
    if (unit >= 0xdc00 && unit <= 0xdfff) continue;
    width += unit >= 0x2e80 ? 2 : 1;
  }
  return width;
}

/** A column as wide as its widest cell, within limits; CJK characters count double. */
function fitWidth(values: readonly (string | number | null)[], max: number): number {
  let widest = 4;
  for (const value of values) {
    if (value === null) continue;
    // A cell with line breaks is as wide as its longest line.
    for (const line of String(value).split('\n')) widest = Math.max(widest, displayWidth(line));
    if (widest >= max) return max;
  }
  return Math.min(max, widest + 2);
}

/** Vertical merges over runs of consecutive rows that share a key, in one column. */
function runMerges(keys: readonly string[], column: number, firstRow: number): string[] {
  const merges: string[] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start]) continue;
    if (i - start > 1) merges.push(`${ref(firstRow + start, column)}:${ref(firstRow + i - 1, column)}`);
    start = i;
  }
  return merges;
}

function rowsSheet(tables: readonly TaskTable[]): Sheet {
  const { columns, rows } = rowMatrix(tables);
  const sectionKey = (r: FlatRow) => `${r.file}\u0000${r.table}\u0000${r.section}`;
  const taskKey = (r: FlatRow) => `${sectionKey(r)}\u0000${r.task}`;
  // The section and task columns are merged over their measures, as in the original table.
  const mergedBy = new Map<string, (r: FlatRow) => string>([
    ['部分编号', sectionKey],
    ['部分', sectionKey],
    ['任务编号', taskKey],
    ['任务', taskKey],
  ]);
  const merges = columns.flatMap((column, c) => {
    const key = mergedBy.get(column.header);
    return key ? runMerges(rows.map(key), c, 1) : [];
  });
  const styleOf = (column: RowColumn) => (mergedBy.has(column.header) ? STYLE.merged : column.kind === 'number' ? STYLE.number : STYLE.text);
  return {
    name: '措施',
    rows: [
      columns.map((column) => ({ value: column.header, style: STYLE.header })),
      ...rows.map((row) => columns.map((column) => ({ value: column.value(row), style: styleOf(column) }))),
    ],
    widths: columns.map((column) => fitWidth([column.header, ...rows.map(column.value)], MAX_WIDTH[column.kind])),
    merges,
    freeze: { rows: 1, columns: 0 },
    filterRows: rows.length + 1,
  };
}

function indexSheet(index: DepartmentIndex, withFile: boolean): Sheet {
  const [header = [], ...records] = departmentIndexRecords(index, withFile);
  const counts = 6;
  const legendRow = [{ value: MATRIX_LEGEND, style: STYLE.plain }];
  return {
    name: '部门',
    rows: [
      header.map((value, c) => ({ value, style: c < counts ? STYLE.header : STYLE.vertical })),
      ...records.map((record) => record.map((value, c) => ({ value, style: c === 0 ? STYLE.text : c < counts ? STYLE.number : STYLE.centered }))),
      [],
      legendRow,
    ],
    widths: header.map((_, c) => (c === 0 ? fitWidth(records.map((r) => r[0] ?? null), 30) : c < counts ? 9 : 7)),
    merges: [],
    freeze: { rows: 1, columns: 1 },
    filterRows: 0,
    // Task titles stand vertically (stacked, as Chinese text may) in a header row tall enough for them.
    headerHeight: Math.min(400, index.tasks.reduce((most, t) => Math.max(most, 14 * [...t.title].length + 20), 60)),
  };
}

function measuresSheet(index: DepartmentIndex, withFile: boolean): Sheet {
  const header = ['部门', '角色', ...(withFile ? ['文件'] : []), '编号', '任务', '具体措施', '部门来自合并单元格'];
  const records = index.departments.flatMap((d) =>
    d.measures.map((m) => {
      const task = index.tasks[m.task];
      return [d.name, ROLE_LABELS[m.role], ...(withFile ? [m.file] : []), m.id, task?.title ?? '', m.text, m.inherited ? '是' : '否'];
    }),
  );
  const maxima = [24, 6, ...(withFile ? [24] : []), 8, 30, 60, 10];
  return {
    name: '部门措施',
    rows: [header.map((value) => ({ value, style: STYLE.header })), ...records.map((r) => r.map((value) => ({ value, style: STYLE.text })))],
    widths: header.map((h, c) => fitWidth([h, ...records.map((r) => r[c] ?? null)], maxima[c] ?? 20)),
    merges: [],
    freeze: { rows: 1, columns: 0 },
    filterRows: records.length + 1,
  };
}

function workbookXml(sheets: readonly Sheet[]): string {
  const names = sheets
    .map((sheet, i) => {
      if (sheet.filterRows < 2) return '';
      const width = sheet.rows[0]?.length ?? 1;
      const [from, to] = filterRange(sheet, width).split(':') as [string, string];
      const absolute = (r: string) => r.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${sheet.name}'!${absolute(from)}:${absolute(to)}</definedName>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<bookViews><workbookView activeTab="0"/></bookViews>
<sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>
${names ? `<definedNames>${names}</definedNames>` : ''}
</workbook>`;
}

const CONTENT_TYPES = (count: number) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
${Array.from({ length: count }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('\n')}
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`;

const WORKBOOK_RELS = (count: number) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
${Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('\n')}
<Relationship Id="rId${count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

const CORE = (title: string | null) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${title ? `<dc:title>${xmlText(title)}</dc:title>` : ''}<dc:creator>fenjie</dc:creator>
</cp:coreProperties>`;

/** Zip entries get this time, so that the same tables always give the same bytes. */
const FIXED_TIME = new Date(2000, 0, 1);

/**
 * The tables as an .xlsx workbook: sheet 措施 with one row per measure (the flat rows, the header
 * frozen and filterable, section and task cells merged over their measures as in the original),
 * sheet 部门 with the department index (counts and the department × task matrix), and sheet
 * 部门措施 with every department's measures and role, one per row. Several tables are combined.
 */
export function toXlsx(tables: TaskTable | readonly TaskTable[]): Uint8Array {
  const list = tableList(tables);
  const index = departmentIndex(list);
  const withFile = list.length > 1;
  const sheets = [rowsSheet(list), indexSheet(index, withFile), measuresSheet(index, withFile)];
  const title = list.length === 1 ? (list[0]?.title ?? null) : null;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES(sheets.length)),
    '_rels/.rels': strToU8(ROOT_RELS),
    'docProps/core.xml': strToU8(CORE(title)),
    'xl/workbook.xml': strToU8(workbookXml(sheets)),
    'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS(sheets.length)),
    'xl/styles.xml': strToU8(STYLES),
  };
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet))));
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}
