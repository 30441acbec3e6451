import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { parse } from '../../src/index.js';
import { BLANK_PARAGRAPHS, splitLines } from '../../src/read/raw-table.js';
import { csvSeparator, detectDialect, headerWidth, readLineCells, readPipeRows, readTabLedCells, readText, readTsv } from '../../src/read/text.js';
import { cell, tabLed } from '../helpers/raw.js';

describe('splitLines', () => {
  it('splits on CRLF, CR and LF alike', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('readTabLedCells', () => {
  it('opens a cell at each TAB-led line and continues it with the lines that follow', () => {
    const text = tabLed('2017年任务分解表', [['项目名称', '基本任务', '具体措施', '责任部门'], ['一、甲', '1、乙', 'a', '指挥部\n\n法制办\n']]);
    const { tables, dialect } = readTabLedCells(text);
    expect(dialect).toBe('tab-led-cells');
    const [table] = tables;
    expect(table!.before).toEqual(['2017年任务分解表']);
    expect(table!.blanksAreMerges).toBe(true);
    expect(table!.rows.map((r) => r.cells.map((c) => c.paragraphs))).toEqual([
      [['项目名称'], ['基本任务'], ['具体措施'], ['责任部门']],
      [['一、甲'], ['1、乙'], ['a'], ['指挥部', '', '法制办', '']],
    ]);
    expect(table!.rows[1]!.cells.map((c) => c.line)).toEqual([6, 7, 8, 9]);
  });

  it('reads CRLF line ends the same as LF', () => {
    const text = tabLed('标题', [['基本任务', '具体措施', '责任部门'], ['1、乙', 'a', 'x\ny']]);
    expect(readTabLedCells(text.replace(/\n/g, '\r\n'))).toEqual(readTabLedCells(text));
  });

  it('opens one cell per TAB when a line holds several', () => {
    const { tables } = readTabLedCells('标题\n\t基本任务\t具体措施\t责任部门\n\t1、乙\ta\tx');
    expect(tables[0]!.rows.map((r) => r.cells.map((c) => c.paragraphs[0]))).toEqual([
      ['基本任务', '具体措施', '责任部门'],
      ['1、乙', 'a', 'x'],
    ]);
  });

  it('leaves a short last row short: the grid pads and reports it', () => {
    const { tables } = readTabLedCells(tabLed('', [['基本任务', '具体措施', '责任部门'], ['1、乙', 'a', 'x'], ['', 'b']]));
    expect(tables[0]!.rows.map((r) => r.cells.length)).toEqual([3, 3, 2]);
  });

  it('refuses text with no TAB-led header as no-table', () => {
    expect(() => readTabLedCells('just a letter\nwith lines', 'letter.txt')).toThrowError(
      new FenjieError('no-table', 'letter.txt: no table found (no line starts a header cell with a TAB)'),
    );
  });
});

describe('headerWidth', () => {
  it.each([
    [['项目名称', '基本任务', '具体措施', '责任部门', '一、甲'], 4],
    [['序号', '工作任务', '责任单位', '1'], 3],
    [['一级任务', '具体措施', '（一）甲'], 2],
    [['基本任务', '具体措施', ''], 2],
    [['基本任务', '落实党中央、国务院的部署，完善制度'], 1],
  ])('%j → %i', (texts, width) => {
    expect(headerWidth(texts.map((t) => cell(t)))).toBe(width);
  });
});

describe('detectDialect', () => {
  it.each([
    [['标题', '\t基本任务', '\t具体措施'], 'tab-led-cells'],
    [['标题', '基本任务\t具体措施\t责任部门'], 'tsv'],
    [['标题', '\t\t具体措施\t责任部门'], 'tsv'],
    [['标题', '基本任务 | 具体措施 | 责任部门'], 'pipe-rows'],
    [['| 基本任务 | 具体措施 |'], 'pipe-rows'],
    [['只有文字'], 'tab-led-cells'],
  ] as const)('%j is %s', (lines, dialect) => {
    expect(detectDialect(lines)).toBe(dialect);
  });
});

/** Cell texts of the first table's rows, paragraphs joined with '/'. */
function texts(doc: ReturnType<typeof readText>) {
  return doc.tables[0]!.rows.map((r) => r.cells.map((c) => c.paragraphs.join('/')));
}

/** The paragraphs of each cell of the first table's rows, as the reader gave them. */
function paragraphs(doc: ReturnType<typeof readText>) {
  return doc.tables[0]!.rows.map((r) => r.cells.map((c) => c.paragraphs));
}

describe('readTsv', () => {
  it('reads quoted cells with line breaks, tabs and doubled quotes, CRLF rows', () => {
    const text = '2019年某局任务分解表\t\t\r\n基本任务\t具体措施\t责任部门\r\n1、乙\t"写明""依据"",\t公开"\t"指挥部\n法制办"\r\n\t b\t\r\n';
    const doc = readTsv(text);
    expect(doc.dialect).toBe('tsv');
    expect(doc.tables[0]!.before).toEqual([]);
    expect(texts(doc)).toEqual([
      ['2019年某局任务分解表', '', ''],
      ['基本任务', '具体措施', '责任部门'],
      ['1、乙', '写明"依据",\t公开', '指挥部/法制办'],
      ['', ' b', ''],
    ]);
    expect(doc.tables[0]!.rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('drops the empty cells copied past the last filled column', () => {
    const doc = readTsv('基本任务\t具体措施\t\t\t\n1、乙\ta\t\t\t\n');
    expect(texts(doc)).toEqual([
      ['基本任务', '具体措施'],
      ['1、乙', 'a'],
    ]);
  });

  it('keeps text before the first row with a TAB as text before the table', () => {
    expect(readTsv('附件1\n2020年任务分解表\n基本任务\t具体措施\n1、乙\ta').tables[0]!.before).toEqual(['附件1', '2020年任务分解表']);
  });
});

describe('readPipeRows', () => {
  const read = (text: string) => readPipeRows(text.split('\n'));

  it('reads rows with and without outer pipes', () => {
    expect(texts(read('基本任务 | 具体措施\n1、乙 | a'))).toEqual([
      ['基本任务', '具体措施'],
      ['1、乙', 'a'],
    ]);
    expect(texts(read('| 基本任务 | 具体措施 |\n| 1、乙 | a |'))).toEqual([
      ['基本任务', '具体措施'],
      ['1、乙', 'a'],
    ]);
  });

  it('keeps a leading empty cell when the table has no outer pipes', () => {
    expect(texts(read('项目 | 基本任务 | 具体措施\n | 1、乙 | a\n |  | b |'))[2]).toEqual(['', '', 'b', '']);
  });

  it('keeps trailing empty cells when the table has outer pipes', () => {
    expect(texts(read('| 基本任务 | 具体措施 | 责任部门 |\n| 1、乙 | a |  |'))[1]).toEqual(['1、乙', 'a', '']);
  });

  it('skips rule lines and lines holding only a pipe', () => {
    expect(texts(read('| 基本任务 | 具体措施 |\n|---|:---:|\n+----+----+\n|\n| 1、乙 | a |'))).toEqual([
      ['基本任务', '具体措施'],
      ['1、乙', 'a'],
    ]);
  });

  it('reads \\| as a pipe inside a cell and keeps tabs inside cells', () => {
    expect(texts(read('| 基本任务 | 具体措施 |\n| 1、乙 | A\\|B\tC |'))[1]).toEqual(['1、乙', 'A|B\tC']);
  });

  it('continues the last cell with a line that holds no pipe', () => {
    expect(texts(read('| 基本任务 | 责任部门 |\n| 1、乙 | 指挥部 |\n法制办'))[1]).toEqual(['1、乙', '指挥部/法制办']);
  });

  it('continues a blank last cell without changing the blank cells of other rows', () => {
    const doc = read('| 基本任务 | 责任部门 |\n| 1、乙 |  |\n法制办\n| 2、丙 |  |');
    expect(paragraphs(doc)).toEqual([
      [['基本任务'], ['责任部门']],
      [['1、乙'], ['', '法制办']],
      [['2、丙'], ['']],
    ]);
    expect(doc.tables[0]!.rows[2]!.cells[1]!.paragraphs).toBe(BLANK_PARAGRAPHS);
  });

  it('refuses text without pipe rows', () => {
    expect(() => readPipeRows(['a', 'b'], 'x.txt')).toThrow('x.txt: no table found (no line holds cells between pipes)');
  });
});

describe('readLineCells', () => {
  it('reads cells without separators by what their lines hold, empty lines as empty cells', () => {
    const lines = ['2019年任务分解表', '基本任务', '具体措施', '责任部门', '1、公开', '公开预算', '财务处', '审计局', '', '公开决算，接受监督', '', '2、解读', '做好解读', '办公室'];
    const doc = readLineCells(lines);
    expect(doc.dialect).toBe('line-cells');
    expect(doc.tables[0]!.before).toEqual(['2019年任务分解表']);
    expect(texts(doc)).toEqual([
      ['基本任务', '具体措施', '责任部门'],
      ['1、公开', '公开预算', '财务处/审计局'],
      ['', '公开决算，接受监督', ''],
      ['2、解读', '做好解读', '办公室'],
    ]);
    expect(detectDialect(lines)).toBe('line-cells');
  });

  it('refuses lines without a header', () => {
    expect(() => readLineCells(['甲', '乙'], 'x.txt')).toThrow('x.txt: no table found (no run of header lines such as 具体措施 and 责任部门)');
  });
});

describe('CSV', () => {
  it('is told from the content: every record the same number of fields at commas or semicolons', () => {
    expect(csvSeparator('标题,,\n基本任务,具体措施,责任部门\n1、甲,乙,丙\n')).toBe(',');
    expect(csvSeparator('基本任务;具体措施\r\n1、甲;"乙;丙"\r\n2、丁;戊\r\n')).toBe(';');
    // Prose with a comma here and there, tab-led and TSV text are not CSV.
    expect(csvSeparator('一、加强领导, 明确分工\n二、狠抓落实\n三、强化督查, 严格考核, 定期通报\n')).toBeNull();
    expect(csvSeparator('\t基本任务\n\t具体措施,甲\n\t责任部门\n')).toBeNull();
    expect(csvSeparator('基本任务\t具体措施,a\n甲\t乙,b\n丙\t丁,c\n')).toBeNull();
    // A .csv name is enough with two fields in the first record.
    expect(csvSeparator('基本任务,具体措施\n', 'a.csv')).toBe(',');
  });

  it('reads quoted fields with "" escapes and line breaks, as Excel writes them', () => {
    const doc = readText('基本任务,具体措施,责任部门\r\n"1、推进""放管服""改革","公开清单,每季度更新","区政务办\r\n区大数据中心"\r\n');
    expect(doc.dialect).toBe('csv');
    expect(paragraphs(doc)).toEqual([
      [['基本任务'], ['具体措施'], ['责任部门']],
      [['1、推进"放管服"改革'], ['公开清单,每季度更新'], ['区政务办', '区大数据中心']],
    ]);
    expect(doc.tables[0]!.rows[1]!.cells[2]!.line).toBe(2);
  });

  it('gives every empty field the one shared, frozen list of paragraphs', () => {
    const doc = readText('基本任务\t具体措施\t责任部门\n1、甲\t乙\t\n\t丙\t\n');
    const cells = doc.tables[0]!.rows.flatMap((row) => row.cells);
    const blank = cells.filter((cell) => cell.paragraphs.join('') === '');
    expect(blank).toHaveLength(3);
    for (const cell of blank) expect(cell.paragraphs).toBe(BLANK_PARAGRAPHS);
    expect(Object.isFrozen(BLANK_PARAGRAPHS)).toBe(true);
    // A tab-led blank cell that a line continues gets a list of its own.
    const tabbed = readTabLedCells('\t基本任务\n\t责任部门\n\t1、甲\n\t\n市局\n\t2、乙\n\t');
    expect(paragraphs(tabbed)).toEqual([
      [['基本任务'], ['责任部门']],
      [['1、甲'], ['', '市局']],
      [['2、乙'], ['']],
    ]);
    expect(tabbed.tables[0]!.rows[2]!.cells[1]!.paragraphs).toBe(BLANK_PARAGRAPHS);
  });

  it('reads Excel’s GBK CSV without any marker', async () => {
    const bytes = iconv.encode('2024年重点任务分解表,,\r\n基本任务,具体措施,责任部门\r\n1、甲,乙,区政务办\r\n', 'gbk');
    const table = await parse(bytes, { fileName: 'a.csv' });
    expect(table.source).toEqual({ name: 'a.csv', format: 'text', dialect: 'csv', encoding: 'gb18030' });
    expect(table.title).toBe('2024年重点任务分解表');
    expect(table.departments).toEqual(['区政务办']);
  });
});
