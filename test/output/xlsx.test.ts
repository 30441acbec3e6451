import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type TaskTable } from '../../src/index.js';
import { departmentIndexCsv } from '../../src/output/csv.js';
import { columnName, xmlText } from '../../src/output/xlsx.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { fixtureTable, readCsv, seedTable } from './tables.js';

/** A worksheet read back: cell values by reference, merged ranges, pane, widths, auto filter. */
interface ReadSheet {
  cells: Map<string, string>;
  merges: string[];
  pane: Record<string, string> | null;
  widths: number[];
  autoFilter: string | null;
}

/** Reads a worksheet's XML with a real XML tokenizer (strict about nothing, so well-formedness is checked apart). */
function readSheet(xml: string): ReadSheet {
  const sheet: ReadSheet = { cells: new Map(), merges: [], pane: null, widths: [], autoFilter: null };
  let cell: string | null = null;
  let text: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'c') {
          cell = attrs.r ?? null;
          if (cell) sheet.cells.set(cell, '');
        }
        else if ((name === 't' || name === 'v') && cell) text = '';
        else if (name === 'mergecell') sheet.merges.push(attrs.ref ?? '');
        else if (name === 'pane') sheet.pane = attrs;
        else if (name === 'col') sheet.widths.push(Number(attrs.width));
        else if (name === 'autofilter') sheet.autoFilter = attrs.ref ?? null;
      },
      ontext(data) {
        if (text !== null) text += data;
      },
      onclosetag(name) {
        if ((name === 't' || name === 'v') && cell && text !== null) sheet.cells.set(cell, text), (text = null);
        if (name === 'c') cell = null;
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false },
  );
  parser.end(xml);
  return sheet;
}

/** Checks that XML is well-formed: every tag closed in order. */
function expectWellFormed(xml: string): void {
  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name) => open.push(name),
      onclosetag: (name) => expect(open.pop()).toBe(name),
    },
    { xmlMode: true },
  );
  parser.end(xml);
  expect(open).toEqual([]);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
}

function workbook(tables: TaskTable | TaskTable[]) {
  const files = unzipSync(toXlsx(tables));
  const xml = (path: string) => strFromU8(files[path] as Uint8Array);
  return { files, xml, sheet: (n: number) => readSheet(xml(`xl/worksheets/sheet${n}.xml`)) };
}

/** The cells of a sheet as rows of text, like a CSV (numbers as written). */
function grid(sheet: ReadSheet): string[][] {
  const rows: string[][] = [];
  for (const [ref, value] of sheet.cells) {
    const [, letters = '', digits = ''] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
    const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    ((rows[Number(digits) - 1] ??= [])[column] = value);
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (v) => v ?? ''));
}

describe('toXlsx', () => {
  it('writes a package with three sheets, all well-formed XML', async () => {
    const { files, xml } = workbook(await seedTable());
    expect(Object.keys(files).sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/core.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
      ].sort(),
    );
    for (const path of Object.keys(files)) expectWellFormed(xml(path));
    expect([...xml('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['措施', '部门', '部门措施']);
    expect(xml('docProps/core.xml')).toContain('<dc:title>2016年上海市公安局政务公开工作要点任务分解表</dc:title>');
  });

  it('holds the flat rows on the first sheet, header frozen, filterable', async () => {
    const table = await seedTable();
    const sheet = workbook(table).sheet(1);
    const csv = readCsv(toCsv(table));
    expect(grid(sheet)).toEqual(csv);
    expect(sheet.pane).toMatchObject({ ySplit: '1', topLeftCell: 'A2', state: 'frozen' });
    expect(sheet.autoFilter).toBe(`A1:${columnName((csv[0]?.length ?? 0) - 1)}50`);
  });

  it('merges section and task cells over their measures', async () => {
    const { merges } = workbook(await seedTable()).sheet(1);
    // Section 1 covers rows 2–15 (14 measures), in both its number and title columns; task 1 rows 2–4.
    expect(merges).toEqual(expect.arrayContaining(['B2:B15', 'C2:C15', 'D2:D4', 'E2:E4', 'B42:B50']));
    // 4 sections in 2 columns, and the tasks of more than one measure in 2 columns.
    const tasks = (await seedTable()).sections.flatMap((s) => s.tasks).filter((t) => t.measures.length > 1).length;
    expect(merges).toHaveLength(4 * 2 + tasks * 2);
  });

  it('sizes columns by their content, within limits', async () => {
    const { widths } = workbook(await seedTable()).sheet(1);
    const [file, sectionNumber, section, , task, , measure] = widths;
    expect(measure).toBe(48);
    expect(section).toBeGreaterThan(sectionNumber as number);
    expect(task).toBeGreaterThan(20);
    expect(file).toBeLessThanOrEqual(24);
    expect(widths.every((w) => w >= 4 && w <= 48)).toBe(true);
  });

  it('holds the department index and matrix on the second sheet and each department’s measures on the third', async () => {
    const table = await seedTable();
    const book = workbook(table);
    const index = book.sheet(2);
    const rows = grid(index);
    const csv = readCsv(departmentIndexCsv(table));
    expect(rows.slice(0, csv.length)).toEqual(csv);
    expect(rows.at(-1)?.[0]).toMatch(/^● 牵头/);
    expect(index.pane).toMatchObject({ xSplit: '1', ySplit: '1', state: 'frozen' });
    const measures = grid(book.sheet(3));
    expect(measures[0]).toEqual(['部门', '角色', '编号', '任务', '具体措施', '部门来自合并单元格']);
    expect(measures).toHaveLength(1 + table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures)).reduce((n, m) => n + m.departments.length, 0));
  });

  it('combines several tables with a 文件 column', async () => {
    const a = await seedTable();
    const b = await fixtureTable('family-lead-support-text');
    const book = workbook([a, b]);
    const rows = grid(book.sheet(1));
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set([a.source.name, b.source.name]));
    expect(grid(book.sheet(3))[0]).toContain('文件');
    expect(grid(book.sheet(2))[0]?.at(-1)).toMatch(/^family-lead-support-text\.txt：/);
  });

  it('drops characters XML cannot hold and escapes markup', () => {
    expect(xmlText('a\u0001b<c>&"\ud800')).toBe('ab&lt;c&gt;&amp;&quot;');
    expect(xmlText('𠮷')).toBe('𠮷');
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('gives the same bytes for the same tables', async () => {
    const table = await seedTable();
    expect(Buffer.from(toXlsx(table)).equals(Buffer.from(toXlsx(table)))).toBe(true);
  });
});

// LibreOffice (fixtures/scripts/xlsx-libreoffice.mjs) read the seed's workbook and saved what it saw.
describe('the workbook as LibreOffice read it', () => {
  const dir = join(FIXTURES, 'output-xlsx-libreoffice');
  const saw = JSON.parse(readFileSync(join(dir, 'libreoffice.json'), 'utf8'));

  it('found every sheet, cell, merged range and filter that fenjie writes now', async () => {
    const table = await seedTable();
    const book = workbook(table);
    expect(saw.sheets).toEqual(['措施', '部门', '部门措施']);
    saw.sheets.forEach((name: string, i: number) => {
      const csv = readCsv(readFileSync(join(dir, `libreoffice-${name}.csv`), 'utf8'));
      // LibreOffice's CSV export ends at the last filled row and pads no row.
      const ours = grid(book.sheet(i + 1)).map((row) => row.join('\u0000').replace(/\u0000+$/, ''));
      expect(csv.map((row) => row.join('\u0000').replace(/\u0000+$/, ''))).toEqual(ours);
      expect([...saw.merges[i]].sort()).toEqual([...book.sheet(i + 1).merges].sort());
      expect(saw.autoFilters[i]).toBe(book.sheet(i + 1).autoFilter);
    });
  });
});
