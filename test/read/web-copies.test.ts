import { describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../../src/index.js';
import { outline } from '../helpers/outline.js';

// Layouts that browsers, page-to-text tools and scrapers leave behind when a task table is copied
// out of a web page (issue #13). Each is read to the same model as the table it came from.

const rules = (table: TaskTable) => table.diagnostics.map((d) => d.ruleId);
const read = (lines: string[]) => parse(lines.join('\n'));

/** The table all layouts below are flattened from. */
const TABLE = [
  'T 一、做好财政信息公开。',
  'M 1.积极推进预算、决算公开。 [财务科]',
  'T 二、做好网站专栏信息公开。',
  'M 2.及时更新网站概况信息。 [办公室]',
  'M 3.及时反馈网民的意见。 [各科室]',
  'M 4.及时更新微信公众号信息。 [办公室、各科室] 办公室/各科室',
];

describe('pipe rows from web pages', () => {
  it('reads a trailing pipe as no column, and rows shifted left with an empty cell at the end by what they hold', async () => {
    const table = await read([
      '工作任务 | 具体要求 | 责任部门 |',
      '一、做好财政信息公开。 | 1.积极推进预算、决算公开。 | 财务科 |',
      '二、做好网站专栏信息公开。 | 2.及时更新网站概况信息。 | 办公室 |',
      '3.及时反馈网民的意见。 | 各科室 | |',
      '4.及时更新微信公众号信息。 | 办公室牵头,各科室配合 | |',
    ]);
    expect(table.columns.map((c) => c.header)).toEqual(['工作任务', '具体要求', '责任部门']);
    expect(outline(table)).toEqual(TABLE);
    expect(rules(table)).toEqual(['missing-title', 'guessed-layout']);
    expect(table.diagnostics[1]!.message).toContain('rows 4, 5');
  });

  it('reads doubled separators at the end of a row as no cells', async () => {
    const table = await read(['| 工作任务 | 具体要求 | 责任部门 |', '| 一、做好财政信息公开。 | 1.积极推进预算、决算公开。 | 财务科 | |']);
    expect(outline(table)).toEqual(TABLE.slice(0, 2));
    expect(rules(table)).toEqual(['missing-title']);
  });

  it('gives no warning for an empty notes cell at the end of a full row', async () => {
    const table = await read(['| 序号 | 具体措施 | 责任单位 | 备注 |', '| 1 | 公开预算。 | 财务科 | |', '| 2 | 公开决算。 | 财务科 | 按季度 |']);
    expect(rules(table)).toEqual(['missing-title']);
    expect(table.sections[0]!.tasks[0]!.measures.map((m) => [m.number, m.notes])).toEqual([
      [1, null],
      [2, '按季度'],
    ]);
  });

  it('finds the column a header left unlabelled (序号 under a spanning label) from its content', async () => {
    const table = await read([
      '工作任务 | 具体要求 | 责任科室 | 时限要求 |',
      '强化文件公开 | 1 | 对文件进行全面清理。 | 办公室 | 年底前 |',
      '深化政策解读 | 2 | 积极做好解读工作。 | 各科室 | 持续推进 |',
      '3 | 规范做好年报工作。 | 办公室 | 持续推进 | |',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['task', 'serial', 'measure', 'departments', 'deadline']);
    expect(outline(table)).toEqual([
      'T 强化文件公开',
      'M 对文件进行全面清理。 [办公室] 年底前',
      'T 深化政策解读',
      'M 积极做好解读工作。 [各科室] 持续推进',
      'M 规范做好年报工作。 [办公室] 持续推进',
    ]);
    expect(table.sections[0]!.tasks.flatMap((t) => t.measures.map((m) => m.number))).toEqual([1, 2, 3]);
  });

  it('keeps page chrome and notes around the table as preamble and postscript; a stray "• |" does not switch the layout', async () => {
    const table = await read([
      '首页 > 政务公开 > 通知公告',
      '• |',
      '2016年某中心政务公开工作任务分解表',
      '发布日期：2016-03-01',
      '工作任务 | 具体要求 | 责任部门 |',
      '一、做好财政信息公开。 | 1.积极推进预算、决算公开。 | 财务科 |',
      '',
      '备注：各科室于每季度末报送进展。',
      '打印本页 | 关闭窗口',
      '主办单位：某中心',
    ]);
    expect(table.source.dialect).toBe('pipe-rows');
    expect(table.title).toBe('2016年某中心政务公开工作任务分解表');
    expect(table.preamble).toEqual(['首页 > 政务公开 > 通知公告', '• |', '2016年某中心政务公开工作任务分解表', '发布日期：2016-03-01']);
    expect(table.postscript).toEqual(['备注：各科室于每季度末报送进展。', '打印本页 | 关闭窗口', '主办单位：某中心']);
    expect(outline(table)).toEqual(TABLE.slice(0, 2));
  });
});

describe('one cell a line from web pages', () => {
  const cells = [
    '工作任务', '具体要求', '责任科室', '时限要求',
    '强化文件公开', '1', '对文件进行全面清理。', '办公室', '年底前',
    '做好基础工作', '2', '严格规范信息公开专栏。', '各科室', '持续推进',
    '3', '规范做好年报编制工作。', '办公室', '持续推进',
  ];
  const expected = [
    'T 强化文件公开',
    'M 对文件进行全面清理。 [办公室] 年底前',
    'T 做好基础工作',
    'M 严格规范信息公开专栏。 [各科室] 持续推进',
    'M 规范做好年报编制工作。 [办公室] 持续推进',
  ];

  it('rebuilds rows from cells between lines of a lone "|" (separated-cells)', async () => {
    const table = await read(cells.flatMap((cell) => [cell, '|']));
    expect(table.source.dialect).toBe('separated-cells');
    expect(table.columns.map((c) => c.role)).toEqual(['task', 'serial', 'measure', 'departments', 'deadline']);
    expect(outline(table)).toEqual(expected);
    expect(table.diagnostics.find((d) => d.ruleId === 'guessed-layout')?.message).toContain('rows 2–4');
  });

  it('rebuilds rows from cells each closed by a pipe at the end of its line', async () => {
    const table = await read(cells.map((cell) => `${cell} |`));
    expect(table.source.dialect).toBe('separated-cells');
    expect(outline(table)).toEqual(expected);
  });

  it('rebuilds rows from cells in paragraphs between empty lines, wrapped labels read as one', async () => {
    const wrapped = ['工作', '任务', ...cells.slice(1)].map((cell, i) => (i === 0 ? cell : i === 1 ? `${cell}\n` : `${cell}\n`));
    const table = await parse(wrapped.join('\n').replace('工作\n任务\n', '工作\n任务\n'));
    expect(table.source.dialect).toBe('line-cells');
    expect(outline(table)).toEqual(expected);
  });

  it('reads a department line as a department cell, not as more of the measure, and never as a section', async () => {
    const table = await read([
      '潍坊市2017年政务公开工作要点实施方案',
      '目标',
      '任务',
      '主要内容',
      '责任单位',
      '一、以政务公开助力稳增长',
      '（一）加强预期引导',
      '围绕经济形势，通过新闻发布会解读政策。',
      '市发改委牵头落实',
      '加强就业创业政策信息公开。',
      '市人社局牵头落实',
      '加强金融政策信息公开。',
      '市金融办、潍坊银监分局分别牵头落实',
    ]);
    expect(table.columns.map((c) => c.header)).toEqual(['目标', '任务', '主要内容', '责任单位']);
    expect(outline(table)).toEqual([
      'S 一、以政务公开助力稳增长',
      'T （一）加强预期引导',
      'M 围绕经济形势，通过新闻发布会解读政策。 [市发改委] 市发改委/',
      'M 加强就业创业政策信息公开。 [市人社局] 市人社局/',
      'M 加强金融政策信息公开。 [市金融办、潍坊银监分局] 市金融办、潍坊银监分局/',
    ]);
  });
});

describe('Traditional script', () => {
  it('reads headers, phrases and deadlines written in Traditional characters, keeping the text as written', async () => {
    const table = await read([
      '重點任務 | 工作內容 | 負責科室 | 完成時限 |',
      '政策解讀 | 對政策文件進行全面解讀。 | 綜合科牽頭，各業務科室配合 | 長期堅持 |',
      '財政資金 | 及時發佈財政預決算。 | 綜合科 | 年內 |',
    ]);
    expect(table.columns.map((c) => c.role)).toEqual(['task', 'measure', 'departments', 'deadline']);
    expect(outline(table)).toEqual([
      'T 政策解讀',
      'M 對政策文件進行全面解讀。 [綜合科、各業務科室] 綜合科/各業務科室 長期堅持',
      'T 財政資金',
      'M 及時發佈財政預決算。 [綜合科] 年內',
    ]);
    expect(table.sections[0]!.tasks[0]!.measures[0]!.deadline!.ongoing).toBe(true);
  });
});

describe('no table', () => {
  it('says in one line what was looked for, without repeating the input', async () => {
    const error = await parse('这是一封信。\n没有表格。', { fileName: 'letter.txt' }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'letter.txt: no table found: no TAB-led cells, no TAB-separated rows, no pipe rows, no cells between lines of "|", no header of labels separated by spaces, no run of header lines naming two columns (such as 具体措施 and 责任部门), and no plan written as numbered paragraphs either (no paragraph names a responsible unit, as in （牵头单位：…） or （…负责）)',
    );
    expect((error as Error).message).not.toContain('\n');
  });
});
