import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatSize } from '../src/limits.js';
import { parse } from '../src/index.js';

const TABLE = '<p>2020年任务分解表</p><table><tr><th>基本任务</th><th>具体措施</th><th>责任单位</th></tr><tr><td>1、乙</td><td>a</td><td>办公室</td></tr></table>';

describe('limits', () => {
  it('have the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxInputBytes: 52_428_800,
      maxCells: 1_000_000,
      maxInflatedBytes: 209_715_200,
      maxCompressionRatio: 1000,
      maxNestingDepth: 100,
    });
  });

  it.each([
    [{ maxInputBytes: 100 }, `t.html: the input is ${formatSize(TABLE.length)}, more than the limit of 100 bytes (option maxInputBytes)`],
    [{ maxCells: 5 }, 't.html: the document has at least 6 cells, more than the limit of 5 (option maxCells)'],
    [{ maxNestingDepth: 1 }, 't.html: tables nest 2 deep, more than the limit of 1 (option maxNestingDepth)'],
  ])('refuse input past %j, naming the option', async (options, message) => {
    const html = 'maxNestingDepth' in options ? TABLE.replace('<td>a</td>', '<td>a<table><tr><td><table><tr><td>b</td></tr></table></td></tr></table></td>') : TABLE;
    await expect(parse(html, { fileName: 't.html', ...options })).rejects.toMatchObject({ code: 'limit-exceeded', message });
  });

  it('bound the grid, not just the cells: spans multiply', async () => {
    const rows = Array.from({ length: 50 }, () => '<tr><td>x</td></tr>').join('');
    const html = `<table><tr><td colspan="1000">标题</td></tr>${rows}</table>`;
    await expect(parse(html, { fileName: 'wide.html', maxCells: 10_000 })).rejects.toThrow(
      'wide.html: table 1 is 51 rows by 1000 columns, more than the limit of 10000 grid cells (option maxCells)',
    );
  });

  it('are options checked like any other', async () => {
    await expect(parse(TABLE, { maxCells: -1 })).rejects.toMatchObject({ code: 'invalid-options' });
  });
});
