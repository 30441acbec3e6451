import { describe, expect, it } from 'vitest';
import { alignRows } from '../../src/grid/align.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { HEADER, row, table } from '../helpers/raw.js';

function align(...rows: ReturnType<typeof row>[]) {
  const diagnostics: Diagnostic[] = [];
  const aligned = alignRows(table([HEADER, ...rows], { alignShortRows: true }), 1, diagnostics);
  return { rows: aligned.map((r) => r.cells.map((c) => c.paragraphs.join('/'))), diagnostics };
}

const FULL = row('一、公开', '1、执法公开', '公开执法依据和程序', '指挥部、法制办');

describe('alignRows', () => {
  it.each([
    [['继续推行公示制度'], ['', '', '继续推行公示制度', '']],
    [['继续推行公示制度', '政治部'], ['', '', '继续推行公示制度', '政治部']],
    [['2、许可公示', '落实办法'], ['', '2、许可公示', '落实办法', '']],
    [['2、许可公示', '落实办法', '科技处（信息办）'], ['', '2、许可公示', '落实办法', '科技处（信息办）']],
    [['二、制度建设', '5、决策公开', '推行预公开'], ['二、制度建设', '5、决策公开', '推行预公开', '']],
    [['制定规范，优化流程，畅通渠道'], ['', '', '制定规范，优化流程，畅通渠道', '']],
  ])('places %j by what the cells hold', (cells, expected) => {
    const { rows, diagnostics } = align(FULL, row(...cells));
    expect(rows[2]).toEqual(expected);
    // Placed where position would have put them too, a short row needs no word; moved, it is named.
    const moved = expected.slice(0, cells.length).some((text, c) => text !== cells[c]);
    expect(diagnostics).toEqual(moved ? [expect.objectContaining({ severity: 'info', ruleId: 'guessed-layout', place: expect.objectContaining({ row: 3 }) })] : []);
  });

  it('places the cells of a row shifted left with a blank cell at its end, and names the rows', () => {
    const { rows, diagnostics } = align(FULL, row('继续推行公示制度', '政治部', '', ''), row('落实办法', '法制办', '', ''));
    expect(rows.slice(2)).toEqual([
      ['', '', '继续推行公示制度', '政治部'],
      ['', '', '落实办法', '法制办'],
    ]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'info', ruleId: 'guessed-layout', place: { row: 3 } });
    expect(diagnostics[0]!.message).toContain('rows 3, 4');
  });

  it('keeps the positions of a full-width row whose blank cells stand in place, and of one blank only at its end', () => {
    expect(align(FULL, row('', '2、许可公示', '落实办法', ''))).toEqual({ rows: expect.anything(), diagnostics: [] });
    const { rows, diagnostics } = align(FULL, row('二、制度', '5、决策公开', '推行预公开', ''));
    expect(rows[2]).toEqual(['二、制度', '5、决策公开', '推行预公开', '']);
    expect(diagnostics).toEqual([]);
  });

  it('finds the column a header left unlabelled (a serial column under a spanning label) from what it holds', () => {
    const header = row('工作任务', '具体要求', '责任科室', '时限要求');
    const diagnostics: Diagnostic[] = [];
    const data = [row('强化文件公开', '1', '对文件进行全面清理。', '办公室', '年底前'), row('深化政策解读', '2', '积极做好解读工作。', '各科室', '持续推进'), row('3', '规范做好年报工作。', '办公室', '持续推进')];
    const aligned = alignRows(table([header, ...data], { alignShortRows: true }), 1, diagnostics);
    expect(aligned[0]!.cells.map((c) => [c.paragraphs.join(''), c.colSpan])).toEqual([
      ['工作任务', 1],
      ['具体要求', 2],
      ['责任科室', 1],
      ['时限要求', 1],
    ]);
    expect(aligned[3]!.cells.map((c) => c.paragraphs.join(''))).toEqual(['', '3', '规范做好年报工作。', '办公室', '持续推进']);
  });

  it('leaves full rows alone and reports nothing', () => {
    expect(align(FULL, FULL)).toMatchObject({ diagnostics: [] });
  });

  it('joins the surplus of a long row into the measure column, pipes put back', () => {
    const { rows, diagnostics } = align(row('一、公开', '1、执法', 'A', 'B', '指挥部'));
    expect(rows[1]).toEqual(['一、公开', '1、执法', 'A|B', '指挥部']);
    expect(diagnostics[0]!.message).toBe('Row 2 has 5 cells for 4 columns; the surplus was joined into column 3 (a pipe inside a cell?).');
  });
});
