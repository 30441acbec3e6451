import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../src/grid/grid.js';
import { resolveSpans } from '../../src/grid/spans.js';
import { normalizeParagraphs } from '../../src/normalize/whitespace.js';
import { readDocx } from '../../src/read/docx.js';
import { readHtml } from '../../src/read/html.js';
import type { RawDocument } from '../../src/read/raw-table.js';
import { fixtureCases } from '../helpers/fixtures.js';

/** One slot that the two readings disagree on: 1-based table, row and column, then fenjie's text and mammoth's. */
type Difference = [table: number, row: number, column: number, fenjie: string, mammoth: string];

/**
 * Where mammoth is known to read a fixture differently from Word (and from fenjie), with the slots
 * it gets wrong. Anything else that differs fails the test. A slot covered by a span shows its origin
 * cell's text followed by '^'; lines within a cell are joined by ' / '.
 */
const MAMMOTH_IS_WRONG: Record<string, { reason: string; differences: Difference[] }> = {
  'docx-grid-before-after': {
    reason: 'mammoth ignores w:gridBefore, so late rows start in column 1 and their continued merges attach to the wrong cells',
    differences: [
      [1, 4, 1, '', '2、推进审计信息公开'],
      [1, 4, 2, '2、推进审计信息公开', '公开审计结果'],
      [1, 4, 3, '公开审计结果', '公开部门决算^'],
      [1, 4, 4, '财务处^', ''],
      [1, 5, 1, '', '3、推进人事信息公开'],
      [1, 5, 2, '3、推进人事信息公开', '公开招录信息'],
      [1, 5, 3, '公开招录信息', '政治部'],
      [1, 5, 4, '政治部', ''],
    ],
  },
  'docx-run-wrappers': {
    reason: 'mammoth ignores w:fldSimple (the field result is lost) and w:cr (two lines run together)',
    differences: [
      [1, 3, 3, '公开局务会议议定事项', '公开议定事项'],
      [1, 5, 4, '统计处 / 计财处 / 科技处信息中心', '统计处计财处 / 科技处信息中心'],
    ],
  },
};

/** Every slot of every table as text: lines normalized, a covered slot marked with '^'. */
function slotTexts(document: RawDocument): string[][][] {
  return document.tables.map((table, i) => picture(resolveSpans(table, i + 1)));
}

function picture(grid: Grid): string[][] {
  return grid.rows.map((slots) => slots.map((slot) => `${normalizeParagraphs(slot.cell.paragraphs).join(' / ')}${slot.kind === 'own' ? '' : '^'}`));
}

function differences(ours: string[][][], theirs: string[][][]): Difference[] {
  const found: Difference[] = [];
  for (let t = 0; t < Math.max(ours.length, theirs.length); t += 1) {
    const [a = [], b = []] = [ours[t], theirs[t]];
    for (let r = 0; r < Math.max(a.length, b.length); r += 1) {
      const [rowA = [], rowB = []] = [a[r], b[r]];
      for (let c = 0; c < Math.max(rowA.length, rowB.length); c += 1) {
        const [x = '(no slot)', y = '(no slot)'] = [rowA[c], rowB[c]];
        if (x !== y) found.push([t + 1, r + 1, c + 1, x, y]);
      }
    }
  }
  return found;
}

describe('docx fixtures read by fenjie and by mammoth → HTML', () => {
  // Prose plans have no table to compare; their paragraphs are checked in test/read/docx-numbering.test.ts.
  const cases = fixtureCases().filter((c) => c.input.endsWith('.docx') && !c.name.startsWith('prose-'));

  it('has docx fixtures, and lists known mammoth errors only for fixtures that exist', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(Object.keys(MAMMOTH_IS_WRONG).filter((name) => !cases.some((c) => c.name === name))).toEqual([]);
  });

  it('reports the text in a continued cell that mammoth drops without a word', async () => {
    const fixture = cases.find((c) => c.name === 'docx-continued-text');
    if (!fixture) throw new Error('fixture docx-continued-text is missing');
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(fixture.bytes) });
    expect(html).not.toContain('审计处');
    expect((await readDocx(fixture.bytes)).tables[0]?.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['merged-text-lost', 'A cell merged into the one above holds its own text, which Word hides: "审计处".'],
    ]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s gives the same grid both ways, but where mammoth is known to be wrong', async (name, fixture) => {
    const ours = slotTexts(await readDocx(fixture.bytes, fixture.input));
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(fixture.bytes) });
    const theirs = slotTexts(readHtml(html));
    expect(ours.length).toBeGreaterThan(0);
    expect(differences(ours, theirs)).toEqual(MAMMOTH_IS_WRONG[name]?.differences ?? []);
  });
});
