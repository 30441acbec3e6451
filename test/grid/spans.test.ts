import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotAt, type Grid, type Slot } from '../../src/grid/grid.js';
import { isStrayLabelRow } from '../../src/grid/header.js';
import { openGrid, resolveSpans } from '../../src/grid/spans.js';
import { buildModel } from '../../src/model/build.js';
import { holdsSerials } from '../../src/model/columns.js';
import type { RawCell, RawRow, RawTable } from '../../src/read/raw-table.js';
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

  it('lets the earlier cell keep a slot a later span collides with, and gives the later cell the rows below it', () => {
    const grid = resolveSpans(table([row('具体措施', '责任部门'), row('x', cell('y', { rowSpan: 2 })), row(cell('z', { colSpan: 2, rowSpan: 3 })), row(), row(), row('a', 'b')]), 1);
    expect(picture(grid).slice(1)).toEqual([
      ['x', 'y'],
      ['z', 'y^'],
      ['z^', 'z^'],
      ['z^', 'z^'],
      ['a', 'b'],
    ]);
    expect(grid.width).toBe(2);
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

describe('openGrid', () => {
  const tableWith = (rows: RawRow[]): RawTable => table(rows, { blanksAreMerges: true });

  it('places a data row only when it is read, and lets go of each reader row once it is read', () => {
    const raw = tableWith([HEADER, row('一、甲', '1、乙', 'a', 'x'), row('', '', 'b', ''), row('', '2、丙', 'c', 'y')]);
    const grid = openGrid(raw, 1, { releaseRows: true });
    expect(grid.head.map((r) => r.map((s) => s.cell.paragraphs[0]))).toEqual([['项目名称', '基本任务', '具体措施', '责任部门']]);
    expect(raw.rows[0]?.cells).toHaveLength(0);
    expect(raw.rows[1]?.cells).toHaveLength(4);
    grid.next();
    expect(raw.rows[1]?.cells).toHaveLength(0);
    expect(raw.rows[2]?.cells).toHaveLength(4);
    // The blank under 'x' continues it: the row is merged as it is read, with the row above as it was left.
    expect(grid.next()?.map((s) => `${s.cell.paragraphs[0] ?? ''}${s.kind === 'own' ? '' : '"'}`)).toEqual(['一、甲"', '1、乙"', 'b', 'x"']);
    expect(grid.next()).toBeDefined();
    expect(grid.next()).toBeUndefined();
  });

  it('tells a serial column from the reader rows before any data row is read, and refuses to once one is', () => {
    const raw = tableWith([row('', '具体措施', '责任部门'), row('1', 'a', 'x'), row('〃', 'b', 'y'), row('2', 'c', 'z')]);
    const grid = openGrid(raw, 1);
    expect([0, 1, 2].map((c) => grid.holdsSerials(c))).toEqual([true, false, false]);
    const fresh = openGrid(tableWith([row('', '具体措施', '责任部门'), row('1', 'a', 'x')]), 1);
    fresh.next();
    expect(() => fresh.holdsSerials(0)).toThrow(/after data rows were read/);
  });

  it('tells serial numbers padded with spaces and zero-width characters from longer text, and every column of a wide table', () => {
    const grid = openGrid(tableWith([row('', '具体措施', '责任部门'), row('  1\u200b2 ', 'a', 'x'), row('\u30003、\u3000', 'b', 'y'), row('1 2 3 4', 'c', 'z')]), 1);
    expect(grid.holdsSerials(0)).toBe(false);
    const serials = openGrid(tableWith([row('', '具体措施', '责任部门'), row('  1\u200b2 ', 'a', 'x'), row('\u30003、\u3000', 'b', 'y'), row('1234．', 'c', 'z')]), 1);
    expect(serials.holdsSerials(0)).toBe(true);
    const width = 20_000;
    const wide = openGrid(tableWith([row(...Array.from({ length: width }, () => '')), row(...Array.from({ length: width }, (_, c) => String(c % 10)))]), 1);
    expect(Array.from({ length: width }, (_, c) => wide.holdsSerials(c)).every(Boolean)).toBe(true);
  });

  // Every cell placed where a plain grid of slots, filled cell by cell, puts it; columns of serial
  // numbers told alike from the reader's rows (countSerials) and from the whole grid's slots
  // (holdsSerials in columns.ts), two separate counts; and the model read from a stream that lets
  // go of the reader's rows as from a whole grid (which resolveSpans also reads from a stream).
  const TEXTS = ['', ' ', '1', '2', '12', '3.', '〃', '同上', '一、甲', '1、乙', '措施', '指挥部', '法制办、政治部', '序号', '具体措施', '责任部门', '完成时限', '工作要求', 'x\ny'];
  const rawCell = fc.record({
    text: fc.constantFrom(...TEXTS),
    rowSpan: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }) }),
    colSpan: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }),
  });
  const rawTable = fc.record({
    rows: fc.array(fc.record({ cells: fc.array(rawCell, { maxLength: 5 }), offset: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }) }), { maxLength: 10 }),
    blanksAreMerges: fc.boolean(),
    headerRows: fc.option(fc.integer({ min: 0, max: 3 })),
  });
  const build = (t: { rows: { cells: { text: string; rowSpan: number; colSpan: number }[]; offset: number }[]; blanksAreMerges: boolean; headerRows: number | null }): RawTable => ({
    rows: t.rows.map(({ cells, offset }, r) => ({
      cells: cells.map(({ text, rowSpan, colSpan }): RawCell => ({ paragraphs: text === '' ? [] : text.split('\n'), rowSpan, colSpan, line: r + 1 })),
      line: r + 1,
      ...(offset > 0 ? { columnOffset: offset } : {}),
    })),
    before: [],
    blanksAreMerges: t.blanksAreMerges,
    diagnostics: [],
    ...(t.headerRows === null ? {} : { headerRows: t.headerRows }),
  });

  /** Where each cell goes, by filling a grid of slots cell by cell. */
  function reference(raw: RawTable): { at: [number, number][]; width: number } {
    const taken: boolean[][] = raw.rows.map(() => []);
    const at: [number, number][] = [];
    let width = 0;
    raw.rows.forEach((r, i) => {
      let column = r.columnOffset ?? 0;
      for (const c of r.cells) {
        while (taken[i]?.[column]) column += 1;
        const rows = Math.max(1, Math.min(c.rowSpan, raw.rows.length - i));
        const columns = Math.max(1, c.colSpan);
        for (let dr = 0; dr < rows; dr += 1) for (let dc = 0; dc < columns; dc += 1) (taken[i + dr] as boolean[])[column + dc] = true;
        at.push([i + 1, column + 1]);
        column += columns;
        width = Math.max(width, column);
      }
    });
    return { at, width };
  }

  it('places every cell where a grid of slots filled cell by cell does', () => {
    fc.assert(
      fc.property(rawTable, (t) => {
        const raw = build(t);
        const cells = raw.rows.flatMap((r) => r.cells);
        const grid = resolveSpans(raw, 1);
        // A cell keeps its reader's paragraphs array, which tells it from the blank cells padding makes.
        const placed = new Map(grid.rows.flatMap((r) => r.filter((s) => s.kind === 'own').map((s) => [s.cell.paragraphs, [s.cell.row, s.cell.column]] as const)));
        const expected = reference(build(t));
        expect(grid.width).toBe(expected.width);
        // Every cell that holds text other than a ditto mark owns the slot the reference put it in; a
        // blank or ditto cell may have been merged into the cell above, and if not, it is there too.
        cells.forEach((c, k) => {
          const text = c.paragraphs.join('').trim();
          if (text !== '' && !/^(〃|同上)$/.test(text)) expect(placed.get(c.paragraphs)).toEqual(expected.at[k]);
          else if (placed.has(c.paragraphs)) expect(placed.get(c.paragraphs)).toEqual(expected.at[k]);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('tells serial columns and builds the model alike read a row at a time and from the whole grid', () => {
    fc.assert(
      fc.property(rawTable, (t) => {
        const whole: Grid = resolveSpans(build(t), 1);
        const stream = openGrid(build(t), 1);
        expect(Array.from({ length: whole.width }, (_, c) => stream.holdsSerials(c))).toEqual(Array.from({ length: whole.width }, (_, c) => holdsSerials(whole, c)));
        expect(buildModel(openGrid(build(t), 1, { releaseRows: true }))).toEqual(buildModel(resolveSpans(build(t), 1)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isStrayLabelRow', () => {
  it('is a row of two labels or more written from the first column under a 序号 label, naming no body', () => {
    const header = ['序号', '项目名称', '建设内容', '总投资', '年度计划', '责任单位'];
    expect(isStrayLabelRow(header, ['投资', '形象进度', '%', '', '', ''])).toBe(true);
    expect(isStrayLabelRow(header, ['牵头单位', '配合单位', '', '', '', ''])).toBe(false);
    expect(isStrayLabelRow(header, ['一', '政务公开', '', '', '', ''])).toBe(false);
    expect(isStrayLabelRow(header, ['1', '推进公开', '', '', '', ''])).toBe(false);
    expect(isStrayLabelRow(header, ['', '投资', '形象进度', '', '', ''])).toBe(false);
    expect(isStrayLabelRow(['项目名称', '建设内容', '总投资', '责任单位'], ['投资', '形象进度', '', ''])).toBe(false);
    expect(isStrayLabelRow(header, ['投资', '', '', '', '', ''])).toBe(false);
  });
});
