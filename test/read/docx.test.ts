import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { readDocx } from '../../src/read/docx.js';
import { CellBudget } from '../../src/limits.js';
import type { RawTable } from '../../src/read/raw-table.js';

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

/** A .docx holding a body; further parts may be added or replace the defaults. */
function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${body}</w:body></w:document>`;
  return zipSync(Object.fromEntries(Object.entries({ 'word/document.xml': document, ...parts }).map(([path, text]) => [path, strToU8(text)])));
}

/** A run of text, its white space kept. */
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
/** A paragraph of runs; a plain string is one run. */
const p = (...runs: string[]) => `<w:p>${runs.map((run) => (run.startsWith('<') ? run : r(run))).join('')}</w:p>`;
/** A cell: one paragraph per string (or raw XML), with optional w:tcPr content. */
const tc = (content: string | string[], props = '') =>
  `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${[content].flat().map((c) => (c.startsWith('<') ? c : p(c))).join('') || p()}</w:tc>`;
/** A row of cells, with optional w:trPr content. */
const tr = (cells: string[], props = '') => `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${cells.map((c) => (c.startsWith('<w:tc') ? c : tc(c))).join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;
const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
const RESTART = '<w:vMerge w:val="restart"/>';
const CONTINUE = '<w:vMerge w:val="continue"/>';
const BARE = '<w:vMerge/>';
const HEADER = tr(['项目名称', '基本任务', '具体措施', '责任部门']);

/** The table as text: a cell's paragraphs joined by '/', then its spans; a late row starts with its offset. */
function picture(table: RawTable | undefined): string[][] {
  return (table?.rows ?? []).map((row) => [
    ...(row.columnOffset ? [`+${row.columnOffset}`] : []),
    ...row.cells.map((c) => `${c.paragraphs.join('/')}${c.rowSpan > 1 ? ` ↓${c.rowSpan}` : ''}${c.colSpan > 1 ? ` →${c.colSpan}` : ''}`),
  ]);
}

const first = async (body: string, limits = {}) => (await readDocx(docx(body), 'input', limits)).tables[0];

describe('readDocx', () => {
  it('reads a table with the paragraphs before it', async () => {
    const document = await readDocx(docx(p('附件1') + p('2018年某局政务公开工作任务分解表') + tbl(HEADER, tr(['一、甲', '1、乙', 'a', '办公室'])) + p('after')), 'a.docx');
    expect(document.dialect).toBeNull();
    const [table] = document.tables;
    expect(table).toEqual({
      rows: [
        { cells: ['项目名称', '基本任务', '具体措施', '责任部门'].map((t) => ({ paragraphs: [t], rowSpan: 1, colSpan: 1, line: null })), line: null },
        { cells: ['一、甲', '1、乙', 'a', '办公室'].map((t) => ({ paragraphs: [t], rowSpan: 1, colSpan: 1, line: null })), line: null },
      ],
      before: ['附件1', '2018年某局政务公开工作任务分解表'],
      after: ['after'],
      blanksAreMerges: false,
      diagnostics: [],
    });
  });

  it('reads every top-level table, each with the paragraphs since the one before', async () => {
    const { tables } = await readDocx(docx(p('一') + tbl(tr(['a'])) + p('二') + p('') + tbl(tr(['b'])) + tbl(tr(['c']))));
    expect(tables.map((t) => [t.before, picture(t)])).toEqual([
      [['一'], [['a']]],
      [['二', ''], [['b']]],
      [[], [['c']]],
    ]);
  });

  it('turns w:gridSpan into colSpan', async () => {
    expect(picture(await first(tbl(tr([tc('一、标题', span(4))]), tr(['a', 'b', tc('c', span(2))]))))).toEqual([['一、标题 →4'], ['a', 'b', 'c →2']]);
  });

  it('turns vMerge restart with continue cells, bare <w:vMerge/> included, into a rowSpan', async () => {
    const table = await first(
      tbl(
        HEADER,
        tr([tc('一、甲', RESTART), tc('1、乙', RESTART), 'a', tc('指挥部', RESTART)]),
        tr([tc('', CONTINUE), tc('', BARE), 'b', tc('', CONTINUE)]),
        tr([tc('', BARE), '2、丙', 'c', tc('', BARE)]),
      ),
    );
    expect(picture(table).slice(1)).toEqual([['一、甲 ↓3', '1、乙 ↓2', 'a', '指挥部 ↓3'], ['b'], ['2、丙', 'c']]);
    expect(table?.diagnostics).toEqual([]);
  });

  it('matches continue cells to the merge above by grid column, across gridSpan', async () => {
    const table = await first(
      tbl(
        tr([tc('一、甲', span(2) + RESTART), tc('a', RESTART), 'x']),
        tr([tc('', span(2) + CONTINUE), tc('b'), tc('', CONTINUE)]),
        tr([tc('', span(2) + CONTINUE), tc('', CONTINUE), 'y']),
      ),
    );
    // The second row's 'b' ends the merge in grid column 3, so the third row's continue there starts a cell.
    expect(picture(table)).toEqual([['一、甲 ↓3 →2', 'a', 'x'], ['b', ''], ['', 'y']]);
  });

  it('reads a continue cell with no merge above it as a cell of its own', async () => {
    expect(picture(await first(tbl(tr(['a', tc('x', CONTINUE)]), tr(['b', tc('', CONTINUE)]))))).toEqual([['a', 'x ↓2'], ['b']]);
  });

  it('reports text in a continued cell, which Word hides, with its place, unless it repeats the text above', async () => {
    const { tables } = await readDocx(
      docx(
        tbl(tr(['x'])) +
          tbl(HEADER, tr([tc('一、甲', RESTART), '1、乙', 'a', tc('指挥部', RESTART)]), tr([tc(' 一、甲', CONTINUE), '', 'b', tc(['法制办', '', ' 警保部 '], CONTINUE)])),
      ),
    );
    expect(picture(tables[1])[2]).toEqual(['', 'b']);
    expect(tables[1]?.rows[1]?.cells[3]?.rowSpan).toBe(2);
    expect(tables[1]?.diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'merged-text-lost',
        message: 'A cell merged into the one above holds its own text, which Word hides: "法制办 警保部".',
        params: { text: '法制办 警保部' },
        place: { table: 2, row: 3, column: 4, line: null },
      },
    ]);
  });

  it('starts a row late at w:gridBefore and tracks merges by grid column behind it', async () => {
    const table = await first(
      tbl(
        tr(['a', 'b', tc('c', RESTART), 'd']),
        tr([tc('x'), tc('', CONTINUE), 'y'], '<w:gridBefore w:val="1"/><w:wBefore w:w="1000" w:type="dxa"/>'),
        tr(['e', 'f', tc('', CONTINUE)], '<w:gridAfter w:val="1"/>'),
      ),
    );
    expect(picture(table)).toEqual([['a', 'b', 'c ↓3', 'd'], ['+1', 'x', 'y'], ['e', 'f']]);
  });

  it('counts the leading w:tblHeader rows as header rows', async () => {
    const table = await first(tbl(tr(['总表'], '<w:tblHeader/>'), tr(['a', 'b'], '<w:tblHeader w:val="true"/>'), tr(['c', 'd'], '<w:tblHeader/>')));
    expect(table?.headerRows).toBe(3);
    expect((await first(tbl(tr(['a'], '<w:tblHeader w:val="0"/>'), tr(['b'], '<w:tblHeader/>'))))?.headerRows).toBeUndefined();
    expect((await first(tbl(tr(['a'], '<w:tblHeader/>'), tr(['b']), tr(['c'], '<w:tblHeader/>'))))?.headerRows).toBe(1);
  });

  it('gives each paragraph a line, breaks lines at w:br and w:cr, and reads w:tab as a space', async () => {
    const cell = tc([p('指挥部'), p(), p(r('法制办'), '<w:r><w:br/><w:t>警保部</w:t><w:cr/><w:t>政治部</w:t></w:r>'), p('<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>')]);
    expect((await first(tbl(tr([cell]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['指挥部', '', '法制办', '警保部', '政治部', 'a b']);
  });

  it('ignores tab stops and other properties that look like content', async () => {
    const paragraph = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr>' + r('甲') + '</w:p>';
    expect((await first(tbl(tr([tc(paragraph)]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['甲']);
  });

  it('trims a run without xml:space="preserve" and decodes entities', async () => {
    const paragraph = '<w:p><w:r><w:t>\n  市局\n  </w:t></w:r><w:r><w:t>相关单位</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; &lt;&#x4E00;&gt; </w:t></w:r><w:r><w:t><![CDATA[<b>]]></w:t></w:r></w:p>';
    expect((await first(tbl(tr([tc(paragraph)]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['市局相关单位 & <一> <b>']);
  });

  it.each([
    ['a hyperlink', '<w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' + r('政务网') + '</w:hyperlink>'],
    ['a content control', '<w:sdt><w:sdtPr><w:alias w:val="部门"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + r('政务网') + '</w:sdtContent></w:sdt>'],
    ['a smart tag', '<w:smartTag w:uri="urn:x" w:element="place">' + r('政务') + r('网') + '</w:smartTag>'],
    ['a simple field', '<w:fldSimple w:instr=" MERGEFIELD 部门 ">' + r('政务网') + '</w:fldSimple>'],
    ['a custom XML element', '<w:customXml w:element="dept">' + r('政务网') + '</w:customXml>'],
    [
      'a complex field, its code left out',
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
        r('政务网') +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ],
    ['alternate content, first alternative only', '<mc:AlternateContent><mc:Choice Requires="wps">' + r('政务网') + '</mc:Choice><mc:Fallback>' + r('旧版') + '</mc:Fallback></mc:AlternateContent>'],
    ['alternate content with only a fallback', '<mc:AlternateContent><mc:Fallback>' + r('政务网') + '</mc:Fallback></mc:AlternateContent>'],
  ])('reads the runs inside %s', async (_what, content) => {
    expect((await first(tbl(tr([tc(`<w:p>${r('见')}${content}</w:p>`)]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['见政务网']);
  });

  it('reads tracked changes as accepted: insertions and moves in, deletions and moved-away text out', async () => {
    const paragraph =
      '<w:p>' +
      r('指挥部') +
      '<w:ins w:id="1" w:author="a">' + r('、法制办') + '</w:ins>' +
      '<w:del w:id="2" w:author="a"><w:r><w:delText>、警保部</w:delText></w:r></w:del>' +
      '<w:moveFrom w:id="3" w:author="a">' + r('、政治部') + '</w:moveFrom>' +
      '<w:moveTo w:id="4" w:author="a">' + r('、科技处') + '</w:moveTo>' +
      '</w:p>';
    expect((await first(tbl(tr([tc(paragraph)]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['指挥部、法制办、科技处']);
  });

  it('drops a row deleted as a tracked change and ignores the old properties a tracked change keeps', async () => {
    const table = await first(
      tbl(
        tr(['a', tc('x', RESTART)]),
        tr(['gone', tc('', CONTINUE)], '<w:del w:id="1" w:author="a"/>'),
        tr([tc('b', '<w:tcPrChange w:id="2" w:author="a"><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange>'), tc('', CONTINUE)]),
      ),
    );
    expect(picture(table)).toEqual([['a', 'x ↓2'], ['b']]);
  });

  it('puts the paragraphs of a nested table into its cell without changing the outer grid', async () => {
    const nested = tbl(tr([tc('指挥部', RESTART), tc('法制办', span(2))]), tr([tc('', CONTINUE), 'x', 'y']));
    const table = await first(tbl(tr(['a', tc([p('牵头：'), nested, p()])]), tr(['b', 'c'])));
    // The nested continued cell keeps its own (empty) paragraph: the outer cell gets every paragraph.
    expect(picture(table)).toEqual([['a', '牵头：/指挥部/法制办//x/y/'], ['b', 'c']]);
  });

  it('puts the paragraphs of a text box after the paragraph that holds them', async () => {
    const box = '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>' + p('框内') + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>';
    expect((await first(tbl(tr([tc(`<w:p>${r('甲')}${box}${r('乙')}</w:p>`)]))))?.rows[0]?.cells[0]?.paragraphs).toEqual(['框内', '甲乙']);
  });

  it('reads any prefix the writer bound to the WordprocessingML namespace', async () => {
    const xml = (prefix: string, declare: string) =>
      `<${prefix}document ${declare}><${prefix}body><${prefix}tbl><${prefix}tr><${prefix}tc><${prefix}tcPr><${prefix}gridSpan ns0:val="2" w:val="2"/></${prefix}tcPr><${prefix}p><${prefix}r><${prefix}t>甲</${prefix}t></${prefix}r></${prefix}p></${prefix}tc></${prefix}tr></${prefix}tbl></${prefix}body></${prefix}document>`;
    const uri = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    expect(picture((await readDocx(docx('', { 'word/document.xml': xml('ns0:', `xmlns:ns0="${uri}"`) }))).tables[0])).toEqual([['甲 →2']]);
    expect(picture((await readDocx(docx('', { 'word/document.xml': xml('', `xmlns="${uri}" xmlns:w="${uri}"`) }))).tables[0])).toEqual([['甲 →2']]);
  });

  it('finds the main document where the package relationships point', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`;
    const bytes = docx('', { '_rels/.rels': rels, 'word/document2.xml': `<w:document ${NAMESPACES}><w:body>${tbl(tr(['甲']))}</w:body></w:document>` });
    expect(picture((await readDocx(bytes)).tables[0])).toEqual([['甲']]);
  });

  it('reads a document.xml written in UTF-16 with a byte order mark', async () => {
    const xml = `\uFEFF<w:document ${NAMESPACES}><w:body>${tbl(tr(['任务']))}</w:body></w:document>`;
    const utf16 = new Uint8Array(xml.length * 2);
    for (let i = 0; i < xml.length; i += 1) new DataView(utf16.buffer).setUint16(i * 2, xml.charCodeAt(i), true);
    expect(picture((await readDocx(zipSync({ 'word/document.xml': utf16 }))).tables[0])).toEqual([['任务']]);
  });

  it('reads a long table whose text the inflater splits inside characters', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => tr([`${i + 1}、加强政务公开`, '指挥部\u{20BB7}']));
    const table = await first(tbl(...rows));
    expect(table?.rows).toHaveLength(3000);
    expect(table?.rows.every((row, i) => row.cells[0]?.paragraphs[0] === `${i + 1}、加强政务公开` && row.cells[1]?.paragraphs[0] === '指挥部\u{20BB7}')).toBe(true);
  });

  it('reads deep nesting without recursion, and refuses nesting no Word document needs', async () => {
    const nest = (depth: number) =>
      tbl(tr([tc(`${'<w:sdt><w:sdtContent>'.repeat(depth)}${'<w:tbl><w:tr><w:tc>'.repeat(depth)}${p('深')}${'</w:tc></w:tr></w:tbl>'.repeat(depth)}${'</w:sdtContent></w:sdt>'.repeat(depth)}`)]));
    expect(picture(await first(nest(300), { maxNestingDepth: 400 }))).toEqual([['深']]);
    await expect(readDocx(docx(nest(300)), 'deep.docx')).rejects.toThrowError(
      new FenjieError('limit-exceeded', 'deep.docx: tables nest 101 deep, more than the limit of 100 (option maxNestingDepth)'),
    );
    await expect(readDocx(docx(nest(1000)), 'deep.docx')).rejects.toThrowError(
      new FenjieError('limit-exceeded', 'deep.docx: word/document.xml nests elements 2001 deep, more than the limit of 2000 elements (option maxNestingDepth)'),
    );
  });

  it('returns no tables for a document without one', async () => {
    expect((await readDocx(docx(p('只有一段话')))).tables).toEqual([]);
  });

  it('passes size limits on to the archive reader', async () => {
    await expect(readDocx(docx(tbl(tr(['甲']))), 'a.docx', { maxInflatedBytes: 100 })).rejects.toThrowError(expect.objectContaining({ code: 'limit-exceeded' }));
  });

  it.each([
    ['a zip without word/document.xml', zipSync({ 'a.txt': strToU8('a') }), 'x.docx: the archive holds no word/document.xml, so it is not a Word document'],
    [
      'a workbook',
      zipSync({ 'word/document.xml': strToU8('<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>') }),
      'x.docx: word/document.xml is not a Word document body (its root element is <x:workbook>)',
    ],
    ['an empty document.xml', zipSync({ 'word/document.xml': new Uint8Array(0) }), 'x.docx: word/document.xml is empty'],
    ['text', strToU8('not a docx'), 'x.docx: not a zip archive, so not a .docx'],
  ])('refuses %s as corrupt-docx', async (_what, bytes, message) => {
    await expect(readDocx(bytes, 'x.docx')).rejects.toThrowError(new FenjieError('corrupt-docx', message));
  });
});

describe('readDocx: nothing lost, linear time (#14)', () => {
  it('reports a paragraph in a table outside every cell as text-outside-cells', async () => {
    const table = await first(tbl(HEADER, p('格外的措施'), tr(['一、甲', '1、乙', 'a', '办公室'])));
    expect(table?.diagnostics.map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      ['text-outside-cells', 'error', 'Text stands inside the table but outside its cells and was not read: "格外的措施".'],
    ]);
  });

  it('trims a run of a million spaces in one pass', async () => {
    const spaces = ' '.repeat(1_000_000);
    // Without xml:space="preserve", the white space at both ends of the run's text goes.
    const bare = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const table = await first(tbl(tr([bare(`${spaces}措施${spaces}`), bare(`${spaces}x`)])));
    expect(picture(table)).toEqual([['措施', 'x']]);
  });

  it('keeps 150,000 line breaks of one paragraph as lines, without spreading them into a call', async () => {
    const table = await first(tbl(tr([`a</w:t></w:r>${'<w:r><w:br/></w:r>'.repeat(150_000)}<w:r><w:t>b`])));
    const paragraphs = table?.rows[0]?.cells[0]?.paragraphs ?? [];
    expect(paragraphs).toHaveLength(150_001);
    expect([paragraphs[0], paragraphs.at(-1)]).toEqual(['a', 'b']);
  });

  it('counts cells as it creates them and stops at maxCells', async () => {
    const row = tr(['a', 'b', 'c', 'd']);
    await expect(readDocx(docx(tbl(...Array.from({ length: 10 }, () => row))), 'x.docx', {}, new CellBudget(25, 'x.docx'))).rejects.toThrowError(
      new FenjieError('limit-exceeded', 'x.docx: the document has at least 26 cells, more than the limit of 25 (option maxCells)'),
    );
  });
});

describe('readDocx: a body past 32 MiB', () => {
  it('is inflated by a native zlib stream, not in one piece, and read whole', async () => {
    // Each row padded with an attribute no reader keeps, so that 3,000 rows are 40 MiB of XML.
    const pad = `w:rsidR="${'0'.repeat(14_000)}"`;
    const rows = Array.from({ length: 3_000 }, (_, i) => `<w:tr ${pad}>${tc('1、甲')}${tc(`措施${i}`)}${tc('指挥部')}</w:tr>`);
    const bytes = docx(tbl(tr(['基本任务', '具体措施', '责任部门']), ...rows));
    const zlib = process.getBuiltinModule('node:zlib');
    const streamed = vi.spyOn(zlib, 'createInflateRaw');
    const whole = vi.spyOn(zlib, 'inflateRawSync');
    try {
      const [table] = (await readDocx(bytes, 'large.docx')).tables;
      expect(streamed).toHaveBeenCalledTimes(1);
      expect(whole.mock.calls.filter(([data]) => (data as Uint8Array).length > 1024 * 1024)).toEqual([]);
      expect(table?.rows.slice(1).map((row) => row.cells[1]?.paragraphs)).toEqual(rows.map((_, i) => [`措施${i}`]));
    } finally {
      streamed.mockRestore();
      whole.mockRestore();
    }
  });
});
