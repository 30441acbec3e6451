import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { splitLines } from '../../src/read/raw-table.js';
import { detectDialect } from '../../src/read/text.js';

// Tables as browsers give them as text (issue #13): Chromium's innerText and clipboard, lynx -dump.
// The inputs are built the way Chromium writes them (measured on the fixtures made by
// fixtures/scripts/render-browser-text.mjs): cells of <p> paragraphs meet at a line of a lone TAB,
// a blank line between a cell's paragraphs, four after a row; cells of text with <br> have a TAB
// between them on one line; merged (rowspan) cells are left out.

function outline(table: TaskTable): string[] {
  return table.sections.flatMap((s) => [
    ...(s.title !== null ? [`S ${s.marker ?? ''}${s.title}`] : []),
    ...s.tasks.flatMap((t) => [`T ${t.marker ?? ''}${t.title}`, ...t.measures.map((m) => `M ${m.text} [${m.departments.join('、')}]${m.inherited ? ' inherited' : ''}${m.deadline ? ` ${m.deadline.text}` : ''}`)]),
  ]);
}

const rules = (table: TaskTable) => table.diagnostics.map((d) => d.ruleId);

/** One row of cells holding paragraphs, as innerText writes it. */
const pRow = (...cells: string[][]) => cells.map((paragraphs) => paragraphs.join('\n\n')).join('\n\n\t\n\n');
/** innerText of a table whose cells hold paragraphs: the header cells (no <p>) on one line. */
const innerText = (before: string[], header: string[], rows: string[][][], after: string[] = []) =>
  [...before, `${header.join('\t')}\n\n\n${rows.map((cells) => pRow(...cells)).join('\n\n\n\n\n')}`, ...after.map((p) => `\n${p}`)].join('\n');

const HEADER = ['序号', '工作任务', '具体措施', '责任单位', '完成时限'];
const ROWS = [
  [['1'], ['推进决策公开'], ['制定年度重大行政决策事项目录。'], ['县政府办公室', '县司法局'], ['2019年6月底前']],
  // Task and departments merged from the row above: left out.
  [['2'], ['广泛听取公众意见，并及时反馈意见采纳情况。'], ['持续推进']],
  [['3'], ['推进执行公开'], ['公开重点改革任务的进展。', '每季度公布一次。'], ['县发展改革局'], ['年底前']],
];
const OUTLINE = [
  'T 推进决策公开',
  'M 制定年度重大行政决策事项目录。 [县政府办公室、县司法局] 2019年6月底前',
  'M 广泛听取公众意见，并及时反馈意见采纳情况。 [县政府办公室、县司法局] inherited 持续推进',
  'T 推进执行公开',
  'M 公开重点改革任务的进展。每季度公布一次。 [县发展改革局] 年底前',
];

describe('browser-cells: innerText of cells holding paragraphs', () => {
  it('splits cells at the lone TAB lines and rows at the blank lines; a short row has its cells placed by what they hold', async () => {
    const table = await parse(innerText(['附件', '', 'XX县2019年政务公开工作要点任务分解表'], HEADER, ROWS));
    expect(table.source.dialect).toBe('browser-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['serial', 'task', 'measure', 'departments', 'deadline']);
    expect(outline(table)).toEqual(OUTLINE);
    expect(table.preamble).toEqual(['附件', 'XX县2019年政务公开工作要点任务分解表']);
    // Only the row that left cells out is named; the others the text marks cell by cell.
    expect(rules(table)).toEqual(['guessed-layout']);
    expect(table.diagnostics[0]!.message).toContain('row 3;');
  });

  it('reads a row that left out only its last cells, and full rows, without a diagnostic', async () => {
    const table = await parse(innerText(['XX县2019年政务公开工作要点任务分解表'], HEADER, [ROWS[0]!, ROWS[2]!]));
    expect(rules(table)).toEqual([]);
  });

  it('reads empty cells: two TABs on a line, a TAB before the blank lines that end a row, a row starting with a TAB', async () => {
    const text = [
      'XX县2019年政务公开工作要点任务分解表',
      '序号\t重点任务\t具体措施\t责任单位\t完成时限',
      '',
      '',
      // An empty task cell between two TABs.
      '1\n\n\t\t\n\n公开决策。\n\n\t\n\n县政府办公室\n\n\t\n\n年底前',
      '',
      '',
      '',
      '',
      // An empty deadline cell at the row's end.
      '2\n\n\t\n\n推进执行公开\n\n\t\n\n公开执行进展。\n\n\t\n\n县发展改革局\n\n\t',
      '',
      '',
      '',
      '',
      '3\n\n\t\n\n推进结果公开\n\n\t\n\n公开结果。\n\n\t\n\n县统计局\n\n\t\n\n持续推进',
    ].join('\n');
    const table = await parse(text);
    // An empty cell is empty, not merged: the second row has no deadline, and no row shifts.
    expect(outline(table)).toEqual(['T ', 'M 公开决策。 [县政府办公室] 年底前', 'T 推进执行公开', 'M 公开执行进展。 [县发展改革局]', 'T 推进结果公开', 'M 公开结果。 [县统计局] 持续推进']);
    expect(table.sections[0]!.tasks.flatMap((t) => t.measures.map((m) => m.number))).toEqual([1, 2, 3]);
  });

  it('reads a header over two rows: a second line of labels sits under the label it divides, and a 序号 column without a label is found', async () => {
    const text = innerText(
      ['XX省2021年政务公开工作要点责任分工表'],
      ['重点领域', '工作任务', '具体要求', '责任分工', '时间节点'],
      [
        [['一、做好规划公开'], ['1'], ['做好规划公开'], ['全文公开规划纲要。'], ['省发展改革委'], ['省直有关部门'], ['2021年6月底前']],
        [['2'], ['开展多角度解读。'], ['省政府新闻办'], ['省直有关部门'], ['持续推进']],
      ],
    ).replace('时间节点\n', '时间节点\n牵头单位\t配合单位\n');
    const table = await parse(text);
    expect(table.columns.map((c) => `${c.header}:${c.role}`)).toEqual([
      '重点领域:section',
      '工作任务:serial',
      '工作任务:task',
      '具体要求:measure',
      '责任分工/牵头单位:lead',
      '责任分工/配合单位:support',
      '时间节点:deadline',
    ]);
    const measures = table.sections[0]!.tasks[0]!.measures;
    expect(measures.map((m) => [m.number, m.lead, m.support])).toEqual([
      [1, ['省发展改革委'], ['省直有关部门']],
      [2, ['省政府新闻办'], ['省直有关部门']],
    ]);
  });

  it('reads a section written as a row spanning the table as a section heading', async () => {
    const table = await parse(innerText(['XX县2022年政务公开重点工作任务台账'], HEADER, [[['一、深化重点领域信息公开']], ...ROWS]));
    expect(outline(table)).toEqual(['S 一、深化重点领域信息公开', ...OUTLINE]);
  });

  it('ends the table at page chrome and keeps it as text after the table', async () => {
    const table = await parse(innerText(['XX县2019年政务公开工作要点任务分解表'], HEADER, ROWS, ['打印本页', '关闭窗口']));
    expect(outline(table)).toEqual(OUTLINE);
    expect(table.postscript).toEqual(['打印本页', '关闭窗口']);
  });

  it('reads header cells that hold paragraphs (Word\'s web pages) between lone TAB lines', async () => {
    const text = ['XX县2019年政务公开工作要点任务分解表', '\u00a0', '', pRow(...HEADER.map((h) => [h])), '', '', '', '', ROWS.map((cells) => pRow(...cells)).join('\n\n\n\n\n')].join('\n');
    const table = await parse(text);
    expect(table.source.dialect).toBe('browser-cells');
    expect(outline(table)).toEqual(OUTLINE);
  });

  it('reads a paragraph of no-break spaces inside a cell as no row end', async () => {
    const rows = [ROWS[0]!.map((cell) => (cell[0] === '县政府办公室' ? ['县政府办公室', '\u00a0', '县司法局'] : cell)), ...ROWS.slice(1)];
    const table = await parse(innerText(['XX县2019年政务公开工作要点任务分解表'], HEADER, rows));
    expect(outline(table)).toEqual(OUTLINE);
  });
});

describe('browser-cells: cells of text broken by <br>, and the clipboard', () => {
  it('reads rows of cells between TABs whose last cell breaks over lines, rebuilding the rows from content', async () => {
    const text = ['XX县2019年政务公开工作要点任务分解表', HEADER.slice(0, 4).join('\t'), '1\t推进决策公开\t制定年度重大行政决策事项目录。\t县政府办公室', '县司法局', '2\t广泛听取公众意见，并及时反馈意见采纳情况。'].join('\n');
    const table = await parse(text);
    expect(table.source.dialect).toBe('browser-cells');
    expect(outline(table)).toEqual(['T 推进决策公开', 'M 制定年度重大行政决策事项目录。 [县政府办公室、县司法局]', 'M 广泛听取公众意见，并及时反馈意见采纳情况。 [县政府办公室、县司法局] inherited']);
    expect(table.diagnostics[0]!.message).toContain('no row boundaries (browser-cells)');
  });

  it('leaves TAB-separated rows without broken cells, and quoted ones, to the TSV reader', () => {
    expect(detectDialect(splitLines([HEADER.join('\t'), '1\t推进决策公开\t制定目录。\t县政府办公室\t年底前'].join('\n')))).toBe('tsv');
    expect(detectDialect(splitLines([HEADER.join('\t'), '1\t推进决策公开\t"制定目录。', '再公开。"\t县政府办公室\t年底前'].join('\n')))).toBe('tsv');
  });

  it('reads what Ctrl+C puts on the clipboard: the header between TABs, then every paragraph between blank lines', async () => {
    const paragraphs = ROWS.flat().flat();
    const table = await parse(['XX县2019年政务公开工作要点任务分解表', HEADER.join('\t'), ...paragraphs.flatMap((p) => [p, ''])].join('\n'));
    expect(table.source.dialect).toBe('browser-cells');
    // Nothing tells a cell's paragraphs from the next cell's; what the cells hold decides.
    expect(outline(table)).toEqual(OUTLINE);
    expect(table.diagnostics[0]!.message).toContain('no row boundaries (browser-cells)');
  });
});

describe('lynx -dump', () => {
  const dump = (header: string, paragraphs: string[]) => ['', '        XX县2019年政务公开工作要点任务分解表', '', `   ${header}`, '', ...paragraphs.flatMap((p) => [`   ${p}`, ''])].join('\n');

  it('reads the header labels between spaces, then one cell a paragraph, as line-cells under that header', async () => {
    const table = await parse(dump(HEADER.join(' '), ROWS.slice(0, 2).flat().flat()));
    expect(table.source.dialect).toBe('line-cells');
    expect(outline(table)).toEqual(OUTLINE.slice(0, 3));
    expect(rules(table)).toEqual(['guessed-layout']);
  });

  it('joins a line lynx wrapped because it was full', async () => {
    const long = '制定年度重大行政决策事项目录，经县政府常务会议审议后向社会公开，并在县政府门户网站集中公布。';
    const cut = 30;
    const paragraphs = ['1', '推进决策公开', `${long.slice(0, cut)}\n   ${long.slice(cut)}`, '县政府办公室', '2019年6月底前'];
    const table = await parse(dump(HEADER.join(' '), paragraphs));
    expect(table.sections[0]!.tasks[0]!.measures[0]!.text).toBe(long);
  });

  it('leaves rows of cells between spaces (no blank lines between them) to other readers', () => {
    const lines = splitLines(['   序号 工作任务 具体措施 责任单位', '   1 推进决策公开 制定目录。 县政府办公室', '   2 推进执行公开 公开进展。 县发展改革局'].join('\n'));
    expect(detectDialect(lines)).not.toBe('line-cells');
  });
});

describe('browser-cells limits', () => {
  it('counts cells against maxCells', async () => {
    await expect(parse(innerText(['XX县2019年政务公开工作要点任务分解表'], HEADER, [...ROWS, ...ROWS, ...ROWS]), { fileName: 'copy.txt', maxCells: 10 })).rejects.toMatchObject({ code: 'limit-exceeded' });
  });
});
