import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { headerWidth, readTabLedCells, splitLines } from '../../src/read/text.js';
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
