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
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', ruleId: 'ragged-row', place: { row: 3 } });
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
