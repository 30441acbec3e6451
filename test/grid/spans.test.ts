import { describe, expect, it } from 'vitest';
import { slotAt, type Grid } from '../../src/grid/grid.js';
import { resolveSpans } from '../../src/grid/spans.js';
import { cell, HEADER, row, table } from '../helpers/raw.js';

/** The grid as text: every slot shows its origin cell's first paragraph, and how it got there. */
function picture(grid: Grid): string[][] {
  return grid.rows.map((slots) => slots.map((s) => `${s.cell.paragraphs[0] ?? ''}${s.kind === 'own' ? '' : s.kind === 'span' ? '^' : '"'}`));
}

describe('resolveSpans', () => {
  it('places rowspans and colspans so that covered slots point at their origin', () => {
    const grid = resolveSpans(
      table([
        HEADER,
        row(cell('一、甲', { rowSpan: 3 }), cell('1、乙', { rowSpan: 2 }), 'a', cell('指挥部', { rowSpan: 3 })),
        row('b'),
        row('2、丙', 'c'),
      ]),
      1,
    );
    expect(picture(grid).slice(1)).toEqual([
      ['一、甲', '1、乙', 'a', '指挥部'],
      ['一、甲^', '1、乙^', 'b', '指挥部^'],
      ['一、甲^', '2、丙', 'c', '指挥部^'],
    ]);
    expect(slotAt(grid, 3, 4)?.cell).toBe(slotAt(grid, 2, 4)?.cell);
    expect(grid.diagnostics).toEqual([]);
  });

  it('spreads a colspan over the columns it covers', () => {
    const grid = resolveSpans(table([HEADER, row(cell('一、标题', { colSpan: 4 })), row('', '1、乙', 'a', 'x')]), 1);
    expect(picture(grid)[1]).toEqual(['一、标题', '一、标题^', '一、标题^', '一、标题^']);
  });

  it('clamps a rowspan past the end of the table and reports it', () => {
    const grid = resolveSpans(table([HEADER, row('一、甲', '1、乙', 'a', cell('x', { rowSpan: 5 }))]), 2);
    expect(grid.rows).toHaveLength(2);
    expect(slotAt(grid, 2, 4)?.cell.rowSpan).toBe(1);
    expect(grid.diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'span-overflow',
        message: 'A cell spans 5 rows but only 1 remain in the table; the span was cut to fit.',
        params: { rows: 5, remaining: 1 },
        place: { table: 2, row: 2, column: 4, line: null },
      },
    ]);
  });

  it('gives a row without cells no width from its column offset', () => {
    const grid = resolveSpans(table([HEADER, row('a', 'b', 'c', 'd'), { ...row(), columnOffset: 9 }]), 1);
    expect(grid.width).toBe(4);
    expect(grid.diagnostics).toEqual([]);
  });

  it('pads a short row with blank cells and reports it as ragged', () => {
    const grid = resolveSpans(table([HEADER, row('一、甲', '1、乙', 'a', 'x'), row('', '', 'b')]), 1);
    expect(picture(grid)[2]).toEqual(['', '', 'b', '']);
    expect(grid.diagnostics.map((d) => [d.ruleId, d.severity, d.message, d.place?.row, d.place?.column])).toEqual([
      ['ragged-row', 'warning', 'Row 3 has 3 of 4 cells; the missing cell was read as blank.', 3, 4],
    ]);
  });

  it('lets blank cells continue the cell above when the layout writes merges as blanks', () => {
    const grid = resolveSpans(
      table([HEADER, row('一、甲', '1、乙', 'a', 'x'), row('', '', 'b', ''), row('', '2、丙', 'c'), row('', '', 'd', 'y')], {
        blanksAreMerges: true,
      }),
      1,
    );
    expect(picture(grid).slice(1)).toEqual([
      ['一、甲', '1、乙', 'a', 'x'],
      ['一、甲"', '1、乙"', 'b', 'x"'],
      ['一、甲"', '2、丙', 'c', 'x"'],
      ['一、甲"', '2、丙"', 'd', 'y'],
    ]);
  });

  it('keeps a blank in the first data row blank: nothing above it is data', () => {
    const grid = resolveSpans(table([HEADER, row('一、甲', '1、乙', 'a', ''), row('', '', 'b', '')], { blanksAreMerges: true }), 1);
    expect(slotAt(grid, 2, 4)?.kind).toBe('own');
    expect(slotAt(grid, 3, 4)?.cell).toBe(slotAt(grid, 2, 4)?.cell);
  });

  it('leaves blank cells alone in layouts with explicit spans', () => {
    const grid = resolveSpans(table([HEADER, row('一、甲', '1、乙', 'a', 'x'), row('', '', 'b', '')]), 1);
    expect(picture(grid)[2]).toEqual(['', '', 'b', '']);
  });

  it('starts a row late when it declares a column offset', () => {
    const grid = resolveSpans(table([HEADER, { ...row('a', 'x'), columnOffset: 2 }]), 1);
    expect(picture(grid)[1]).toEqual(['', '', 'a', 'x']);
  });
});

describe('header detection', () => {
  it('takes a spanning title row above the header as title text', () => {
    const grid = resolveSpans(table([row(cell('2017年任务分解表', { colSpan: 4 })), HEADER, row('一、甲', '1、乙', 'a', 'x')]), 1);
    expect(grid.headerRows).toBe(2);
    expect(grid.before).toEqual(['2017年任务分解表']);
  });

  it('falls back to the first row when no header is recognised', () => {
    const grid = resolveSpans(table([row('甲', '乙'), row('a', 'b')]), 1);
    expect(grid.headerRows).toBe(1);
  });
});
