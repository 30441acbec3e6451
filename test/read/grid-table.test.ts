import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { CellBudget } from '../../src/limits.js';
import { curlyQuotes, gridBlocks, isGridBorder, readGridTable, readGridText } from '../../src/read/grid-table.js';
import { splitLines } from '../../src/read/raw-table.js';
import { writeGrid, wrap } from '../helpers/grid-writer.js';

const read = (text: string) => readGridTable(splitLines(text), 0, new CellBudget());
const shape = (text: string) => read(text).rows.map((row) => row.cells.map((cell) => `${cell.paragraphs.join('/')}${cell.rowSpan > 1 ? ` r${cell.rowSpan}` : ''}${cell.colSpan > 1 ? ` c${cell.colSpan}` : ''}`));
const lines = (...rows: string[]) => rows.join('\n');

describe('isGridBorder and gridBlocks', () => {
  it('knows ASCII and box-drawing top borders, and nothing else', () => {
    expect(['+---+---+', '+:--+--:+', '┌──┬──┐', '╔══╦══╗', '╭──┬──╮', '  +-----+'].every(isGridBorder)).toBe(true);
    expect(['+', '---', '| a | b |', '+---+ x', '┌──+', '+ 1 + 2 +', 'a+-b'].some(isGridBorder)).toBe(false);
  });

  it('finds a grid from its top border to its last bar or corner line, not a lone rule', () => {
    const text = ['标题', '+--+', '', '+--+--+', '|a |b |', '+--+--+', '后记'];
    expect(gridBlocks(text)).toEqual([{ start: 3, end: 6 }]);
  });
});

describe('readGridTable', () => {
  it('reads pandoc row spans (rules left out over a column) and column spans (bars left out)', () => {
    const text = lines(
      '+------+------+------+',
      '| 任务 | 措施 | 部门 |',
      '+======+======+======+',
      '| 甲   | 一   | 办公 |',
      '|      +------+ 室   |',
      '|      | 二   |      |',
      '+------+------+------+',
      '| 乙，横跨两列| 科   |',
      '+-------------+------+',
    );
    expect(shape(text)).toEqual([['任务', '措施', '部门'], ['甲 r2', '一', '办公室 r2'], ['二'], ['乙，横跨两列 c2', '科']]);
    expect(read(text).headerRows).toBe(1);
    expect(read(text).diagnostics).toEqual([]);
  });

  it('aligns by display width: CJK characters take two columns', () => {
    const text = lines('+----+----+', '| ab | 甲 |', '|甲乙|甲乙|', '+----+----+');
    expect(shape(text)).toEqual([['ab甲乙', '甲甲乙']]);
    expect(read(text).diagnostics).toEqual([]);
  });

  it('joins wrapped lines: CJK without a space, a word broken by the writer whole, Latin words with one', () => {
    const text = lines('+------------+', '| 20         |', '| 19年6月底  |', '| 前         |', '|            |', '| open data  |', '| portal     |', '+------------+');
    expect(shape(text)).toEqual([['2019年6月底前/open data portal']]);
  });

  it('reads box drawing with the spans w3m draws, and double lines', () => {
    const w3m = lines('┌──┬──┐', '│甲│  │', '│  │乙│', '├──┤  │', '│丙│  │', '└──┴──┘');
    expect(shape(w3m)).toEqual([['甲', '乙 r2'], ['丙']]);
    expect(read(w3m).blanksAreMerges).toBe(false);
    expect(shape(lines('╔══╦══╗', '║甲║乙║', '╠══╬══╣', '║丙║丁║', '╚══╩══╝'))).toEqual([['甲', '乙'], ['丙', '丁']]);
  });

  it('takes blanks for merged cells in a grid without spans (pandoc 2 leaves merged cells blank)', () => {
    expect(read(lines('+--+--+', '|甲|乙|', '+--+--+', '|  |丙|', '+--+--+')).blanksAreMerges).toBe(true);
  });

  it('realigns by its bars a line whose writer counted a character wider than we do', () => {
    // ✅ is one column to us; the writer gave it two, so its bars stand one column further left in our count.
    const text = lines('+------+----+', '| 甲   | 乙 |', '| ✅ 丙 | 丁 |', '+------+----+');
    expect(shape(text)).toEqual([['甲✅ 丙', '乙丁']]);
    expect(read(text).diagnostics).toEqual([]);
  });

  it('reports a bar off the columns inside a cell spanning them, and reads a pipe in text as text', () => {
    const moved = read(lines('+------+------+', '| 甲 | 乙      |', '+------+------+'));
    expect(moved.diagnostics.map((d) => d.ruleId)).toEqual(['ragged-row']);
    const text = read(lines('+------+------+', '| A|B  | 乙   |', '+------+------+'));
    expect([text.rows[0]?.cells[0]?.paragraphs, text.diagnostics]).toEqual([['A|B'], []]);
  });

  it('reports a line whose borders do not line up, and a grid without its bottom border', () => {
    const ragged = read(lines('+----+----+', '| 甲 | 乙 |', '| 丙 |', '+----+----+'));
    expect(ragged.diagnostics.map((d) => [d.ruleId, d.params?.['kind'], d.place?.line])).toEqual([['ragged-row', 'grid', 3]]);
    const open = read(lines('+----+----+', '| 甲 | 乙 |', '| 丙 | 丁 |'));
    expect(open.rows.map((row) => row.cells.map((cell) => cell.paragraphs.join('')))).toEqual([['甲丙', '乙丁']]);
    expect(open.diagnostics.map((d) => d.ruleId)).toEqual(['ragged-row']);
  });

  it('counts its cells against the budget', () => {
    const grid = writeGrid(
      Array.from({ length: 30 }, (_, i) => ({ row: Math.floor(i / 3), column: i % 3, rowSpan: 1, colSpan: 1, paragraphs: [`格${i}`] })),
      { box: false, widths: [4, 4, 4], headerRows: 0 },
    );
    expect(() => readGridTable(splitLines(grid), 0, new CellBudget(20))).toThrow(/limit/);
  });
});

describe('readGridText', () => {
  it('keeps the text before and after the grid, without reStructuredText title adornments', () => {
    const doc = readGridText(['标题', '====', '', '+--+--+', '|甲|乙|', '+--+--+', '', '备注：无'], new CellBudget());
    expect(doc?.dialect).toBe('grid');
    expect(doc?.tables[0]?.before).toEqual(['标题', '']);
    expect(doc?.tables[0]?.after).toEqual(['', '备注：无']);
  });

  it('is null for text without a grid', () => {
    expect(readGridText(['| a | b |', '| - | - |'], new CellBudget())).toBeNull();
  });
});

describe('grid tables through parse', () => {
  const table = (box: boolean) =>
    writeGrid(
      [
        { row: 0, column: 0, rowSpan: 1, colSpan: 1, paragraphs: ['基本任务'] },
        { row: 0, column: 1, rowSpan: 1, colSpan: 1, paragraphs: ['具体措施'] },
        { row: 0, column: 2, rowSpan: 1, colSpan: 1, paragraphs: ['责任部门'] },
        { row: 1, column: 0, rowSpan: 2, colSpan: 1, paragraphs: ['1、完善执法信息公开'] },
        { row: 1, column: 1, rowSpan: 1, colSpan: 1, paragraphs: ['公开执法依据、执法程序、执法结果'] },
        { row: 1, column: 2, rowSpan: 2, colSpan: 1, paragraphs: ['指挥部', '法制办'] },
        { row: 2, column: 1, rowSpan: 1, colSpan: 1, paragraphs: ['继续推行行政执法公示制度'] },
      ],
      { box, widths: [8, 12, 6], headerRows: box ? 0 : 1 },
    );

  it.each([false, true])('reads a grid with spans into measures that inherit their departments (box drawing: %s)', async (box) => {
    const model = await parse(`2016年任务分解表\n\n${table(box)}\n\n备注：按季度报送。\n`, { checkModel: true });
    expect(model.source.dialect).toBe('grid');
    const measures = model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.text, m.departments, m.inherited])).toEqual([
      ['公开执法依据、执法程序、执法结果', ['指挥部', '法制办'], false],
      ['继续推行行政执法公示制度', ['指挥部', '法制办'], true],
    ]);
    expect(model.title).toBe('2016年任务分解表');
    expect(model.postscript).toEqual(['备注：按季度报送。']);
    expect(model.diagnostics).toEqual([]);
  });

  it('reads a grid in Markdown: inline markup, hard breaks, straight quotes as pandoc means them', async () => {
    const md = lines(
      '# 2016年"阳光"任务分解表',
      '',
      '+----------+------------------------+----------+',
      '| 基本任务 | 具体措施               | 责任部门 |',
      '+==========+========================+==========+',
      '| 1、公开  | 发挥**"上海公安"**网站 | 指挥部\\  |',
      '|          | 作用                   | 法制办   |',
      '+----------+------------------------+----------+',
      '',
    );
    const model = await parse(md, { fileName: 'table.md', checkModel: true });
    expect(model.source).toMatchObject({ format: 'markdown', dialect: 'grid' });
    expect(model.title).toBe('2016年“阳光”任务分解表');
    const measure = model.sections[0]?.tasks[0]?.measures[0];
    expect([measure?.text, measure?.departments]).toEqual(['发挥“上海公安”网站作用', ['指挥部', '法制办']]);
  });
});

describe('helpers', () => {
  it('curlyQuotes pairs straight quotes and closes a lone one after text', () => {
    expect(curlyQuotes('发挥"上海公安"作用')).toBe('发挥“上海公安”作用');
    expect(curlyQuotes('对上海公安"门户网站')).toBe('对上海公安”门户网站');
  });

  it('the test writer wraps CJK anywhere and Latin at spaces', () => {
    // No break at the space after 公开: the reader joins lines broken beside a CJK word without one.
    expect(wrap('推进政务公开 open data', 6)).toEqual(['推进政', '务公', '开 open', 'data']);
    expect(wrap('open data portal', 9)).toEqual(['open data', 'portal']);
  });
});

describe("pandoc's simple and multiline tables", () => {
  it('reads a simple table by the extents of its dash rule, blanks as merged cells', async () => {
    const text = lines(
      '2020年重点工作责任分工表',
      '',
      '  序号   主要任务       任务内容                   责任单位',
      '  ------ -------------- -------------------------- ----------------',
      '  1      稳定经济增长   全年地区生产总值增长6.5%。 市发展改革委牵头',
      '  2                     实施市重点项目300个。      市财政局',
      '',
      '备注：无',
    );
    const model = await parse(text, { checkModel: true });
    expect(model.source.dialect).toBe('simple-table');
    const measures = model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => [t.title, m.text, m.departments])));
    expect(measures).toEqual([
      ['稳定经济增长', '全年地区生产总值增长6.5%。', ['市发展改革委']],
      ['稳定经济增长', '实施市重点项目300个。', ['市财政局']],
    ]);
    expect(model.postscript).toEqual(['备注：无']);
  });

  it('reads a multiline table: rows of wrapped lines between empty lines, within lines of dashes', () => {
    const text = [
      '-----------------------------------------',
      '  基本任务   具体措施            责任部门',
      '  ---------- ------------------- --------',
      '  1、完善执  公开执法依据、执法  指挥部',
      '  法信息公开 程序',
      '',
      '             推行行政执法公示    法制办',
      '-----------------------------------------',
      '',
    ];
    const doc = readGridText(text, new CellBudget());
    expect(doc?.dialect).toBe('simple-table');
    expect(doc?.tables[0]?.rows.map((row) => row.cells.map((cell) => cell.paragraphs.join('/')))).toEqual([
      ['基本任务', '具体措施', '责任部门'],
      ['1、完善执法信息公开', '公开执法依据、执法程序', '指挥部'],
      ['', '推行行政执法公示', '法制办'],
    ]);
  });

  it('leaves a dash rule under a line that names no columns to the other layouts', () => {
    expect(readGridText(['甲 乙', '--- ---', '1 2'], new CellBudget())).toBeNull();
  });
});
