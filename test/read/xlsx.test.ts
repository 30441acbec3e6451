import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { parse } from '../../src/index.js';
import { readXlsx } from '../../src/read/xlsx.js';
import { FIXTURES } from '../helpers/fixtures.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook from the body of its worksheet, with optional shared strings and styles. */
function workbook(sheetBody: string, { strings = [] as string[], styles = '', date1904 = false } = {}): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(`<Relationships xmlns="x"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr date1904="${date1904 ? 1 : 0}"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="x"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${NS}">${sheetBody}</worksheet>`),
    'xl/sharedStrings.xml': strToU8(`<sst xmlns="${NS}">${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`),
    'xl/styles.xml': strToU8(`<styleSheet xmlns="${NS}">${styles}</styleSheet>`),
  });
}

/** The cells of the first table, row by row, as text with ⏎ between paragraphs. */
async function cells(bytes: Uint8Array): Promise<string[][]> {
  const table = (await readXlsx(bytes, 'a.xlsx')).tables[0];
  return table?.rows.map((row) => row.cells.map((c) => c.paragraphs.join('⏎'))) ?? [];
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('readXlsx', () => {
  it('places sparse cells by their references, leaving out the empty rows and the empty columns around the table', async () => {
    const bytes = workbook(`<sheetData><row r="3">${inline('C3', '甲')}${inline('E3', '乙')}</row><row r="5">${inline('D5', '丙')}</row></sheetData>`);
    expect(await cells(bytes)).toEqual([
      ['甲', '', '乙'],
      ['', '丙', ''],
    ]);
  });

  it('reads cells and rows without references in order after the one before', async () => {
    const bytes = workbook(`<sheetData><row>${inline('B1', 'a')}<c t="inlineStr"><is><t>b</t></is></c></row><row><c t="inlineStr"><is><t>c</t></is></c></row></sheetData>`);
    expect(await cells(bytes)).toEqual([
      ['', 'a', 'b'],
      ['c', '', ''],
    ]);
  });

  it('turns merged ranges into spans and leaves the covered cells out, as HTML does', async () => {
    const bytes = workbook(`<sheetData><row r="1">${inline('A1', 'T')}</row><row r="2">${inline('A2', 'x')}${inline('B2', 'y')}</row><row r="3">${inline('B3', 'z')}</row></sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:A3"/></mergeCells>`);
    const table = (await readXlsx(bytes, 'a.xlsx')).tables[0]!;
    expect(table.rows.map((row) => row.cells.map((c) => [c.paragraphs.join(''), c.rowSpan, c.colSpan]))).toEqual([
      [['T', 1, 2]],
      [
        ['x', 2, 1],
        ['y', 1, 1],
      ],
      [['z', 1, 1]],
    ]);
  });

  it('joins rich-text runs, leaves phonetic guides out, decodes _xHHHH_ and splits Alt+Enter lines into paragraphs', async () => {
    const strings = ['<r><t>区</t></r><r><rPr><b/></rPr><t>财政局</t></r><rPh sb="0" eb="1"><t>ク</t></rPh>', '<t>牵头_x000D_\n配合</t>', '<t>a_x005F_x0041_</t>'];
    const bytes = workbook(`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>${inline('D1', 'b_x005F_x0042_')}</row></sheetData>`, { strings });
    expect(await cells(bytes)).toEqual([['区财政局', '牵头⏎配合', 'a_x0041_', 'b_x0042_']]);
  });

  it('shows numbers, booleans, errors and cached formula values as the spreadsheet does', async () => {
    const styles = '<numFmts><numFmt numFmtId="170" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="2"/></cellXfs>';
    const row = [
      '<c r="A1"><v>1</v></c>',
      '<c r="B1"><v>1.0</v></c>',
      '<c r="C1"><v>0.30000000000000004</v></c>',
      '<c r="D1" s="1"><v>0.125</v></c>',
      '<c r="E1" s="2"><v>3</v></c>',
      '<c r="F1" t="b"><v>0</v></c>',
      '<c r="G1" t="e"><v>#N/A</v></c>',
      '<c r="H1" t="str"><f>A1&amp;"x"</f><v>1x</v></c>',
      '<c r="I1"><f>A1*2</f><v>2</v></c>',
      '<c r="J1"><f t="shared" si="0"/><v>12345678901234567</v></c>',
    ].join('');
    expect(await cells(workbook(`<sheetData><row r="1">${row}</row></sheetData>`, { styles }))).toEqual([
      ['1', '1', '0.3', '12.5%', '3.00', 'FALSE', '#N/A', '1x', '2', '12345678901234568'],
    ]);
  });

  it('shows date-formatted serials as dates, in the 1900 system with its leap-year bug and in the 1904 system', async () => {
    const styles = '<numFmts><numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="181" formatCode="[$-804]yyyy-mm-dd;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="180"/><xf numFmtId="181"/><xf numFmtId="31"/></cellXfs>';
    const serials = [
      ['A1', 1, 45473],
      ['B1', 2, 45473],
      ['C1', 3, 45473.75],
      ['D1', 1, 59],
      ['E1', 1, 60],
      ['F1', 1, 61],
      ['G1', 4, 45657],
    ] as const;
    const row = serials.map(([ref, s, v]) => `<c r="${ref}" s="${s}"><v>${v}</v></c>`).join('');
    expect(await cells(workbook(`<sheetData><row r="1">${row}</row></sheetData>`, { styles }))).toEqual([
      ['2024/6/30', '2024年6月30日', '2024-06-30', '1900/2/28', '1900/2/29', '1900/3/1', '2024年12月31日'],
    ]);
    expect(await cells(workbook(`<sheetData><row r="1"><c r="A1" s="1"><v>44011</v></c></row></sheetData>`, { styles, date1904: true }))).toEqual([['2024/6/30']]);
  });

  it('reports a merged range that covers a cell with other text', async () => {
    const bytes = workbook(`<sheetData><row r="1">${inline('A1', '具体措施')}${inline('B1', '责任部门')}</row><row r="2">${inline('A2', '甲')}${inline('B2', '法制办')}</row><row r="3">${inline('A3', '乙')}${inline('B3', '指挥部')}</row></sheetData><mergeCells><mergeCell ref="B2:B3"/></mergeCells>`);
    const table = (await readXlsx(bytes, 'a.xlsx')).tables[0]!;
    expect(table.diagnostics).toEqual([expect.objectContaining({ ruleId: 'merged-text-lost', place: { table: 1, row: 3, column: 2, line: null } })]);
  });

  it('counts cells against maxCells while reading, and bounds the used range and the merges', async () => {
    const row = Array.from({ length: 20 }, (_, i) => `<c r="A${i + 1}"><v>${i}</v></c>`).join('');
    await expect(readXlsx(workbook(`<sheetData><row r="1">${row}</row></sheetData>`), 'a.xlsx', { maxCells: 10 })).rejects.toThrow(/at least 11 cells, more than the limit of 10/);
    const far = workbook(`<sheetData><row r="1">${inline('A1', 'a')}</row><row r="1048576">${inline('XFD1048576', 'b')}</row></sheetData>`);
    await expect(readXlsx(far, 'far.xlsx')).rejects.toThrow(expect.objectContaining({ code: 'limit-exceeded' }));
    const tall = workbook(`<sheetData><row r="1">${inline('A1', 'a')}</row><row r="60000">${inline('A60000', 'b')}</row></sheetData>`);
    expect(await cells(tall)).toEqual([['a'], ['b']]);
    const merges = Array.from({ length: 50 }, () => '<mergeCell ref="A1:J10"/>').join('');
    const overlapping = workbook(`<sheetData><row r="1">${inline('A1', 'a')}</row><row r="10">${inline('J10', 'b')}</row></sheetData><mergeCells>${merges}</mergeCells>`);
    await expect(readXlsx(overlapping, 'm.xlsx', { maxCells: 1000 })).rejects.toThrow(/merged ranges/);
  });

  it('refuses a package without a workbook part, or with a sheet part missing, as corrupt-file', async () => {
    const parts = unzipSync(workbook('<sheetData/>'));
    const { 'xl/workbook.xml': _workbook, ...noWorkbook } = parts;
    await expect(readXlsx(zipSync(noWorkbook), 'a.xlsx')).rejects.toThrow(expect.objectContaining({ code: 'corrupt-file', message: expect.stringMatching(/^a\.xlsx: .*xl\/workbook\.xml/) }));
    const { 'xl/worksheets/sheet1.xml': _sheet, ...noSheet } = parts;
    await expect(readXlsx(zipSync(noSheet), 'a.xlsx')).rejects.toThrow(/sheet "S"/);
  });

  it('skips empty sheets, and reads a workbook with none as having no table', async () => {
    expect((await readXlsx(workbook('<sheetData/>'), 'a.xlsx')).tables).toEqual([]);
    await expect(parse(workbook('<sheetData/>'), { fileName: 'a.xlsx' })).rejects.toThrow(FenjieError);
  });
});

describe('sheets of a workbook', () => {
  const bytes = readFileSync(join(FIXTURES, 'xlsx-workbook', 'input.xlsx'));

  it('picks the task table among the visible sheets, and reports the others by name', async () => {
    const table = await parse(bytes, { fileName: 'w.xlsx' });
    expect(table.title).toBe('2024年XX区政务公开重点任务台账');
    expect(table.diagnostics.filter((d) => d.ruleId === 'other-table').map((d) => d.message)).toEqual([
      expect.stringMatching(/^Sheet "说明" \(table 2/),
      expect.stringMatching(/^Hidden sheet "旧版" \(table 3.*--sheet "旧版"/),
    ]);
  });

  it('reads a sheet asked for by name, hidden or not, or by number', async () => {
    const hidden = await parse(bytes, { fileName: 'w.xlsx', table: '旧版' });
    expect(hidden.sections[0]!.tasks[0]!.measures[0]!.text).toBe('旧版措施');
    expect((await parse(bytes, { fileName: 'w.xlsx', table: 3 })).title).toBe(hidden.title);
    await expect(parse(bytes, { fileName: 'w.xlsx', table: '2023年台账' })).rejects.toThrow(/sheet "2023年台账" was asked for, but the workbook's sheets with cells are "2024年台账", "说明", "旧版"/);
  });

  it('refuses a sheet name for a format whose tables have no names', async () => {
    await expect(parse('基本任务\t具体措施\n1、甲\t乙\n', { table: '台账' })).rejects.toThrow(/only a workbook's sheets have names/);
  });
});

describe('readXlsx: a worksheet past 32 MiB', () => {
  it('is inflated by a native zlib stream, not in one piece, and read whole', async () => {
    // Each row padded with an attribute no reader keeps, so that 3,000 rows are 40 MiB of XML.
    const pad = `x="${'0'.repeat(14_000)}"`;
    const rows = Array.from({ length: 3_000 }, (_, i) => `<row r="${i + 2}" ${pad}>${inline(`A${i + 2}`, `措施${i}`)}${inline(`B${i + 2}`, '指挥部')}</row>`);
    const bytes = workbook(`<sheetData><row r="1">${inline('A1', '具体措施')}${inline('B1', '责任部门')}</row>${rows.join('')}</sheetData>`);
    const zlib = process.getBuiltinModule('node:zlib');
    const streamed = vi.spyOn(zlib, 'createInflateRaw');
    try {
      const read = await cells(bytes);
      expect(streamed).toHaveBeenCalledTimes(1);
      expect(read.slice(1).map((row) => row[0])).toEqual(rows.map((_, i) => `措施${i}`));
    } finally {
      streamed.mockRestore();
    }
  });
});
