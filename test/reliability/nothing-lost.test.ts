import { describe, expect, it } from 'vitest';
import type { Grid } from '../../src/grid/grid.js';
import { parse } from '../../src/index.js';
import type { Measure, TaskTable } from '../../src/model/schema.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { gridsOf } from './grid-of.js';
import { lostText } from './lost-text.js';

// Nothing lost: every non-whitespace character of every non-empty grid cell of every fixture shows
// up in the model or in a diagnostic. What "shows up" means, cell by cell, is set out in lost-text.ts.

/** A fixture parsed, with the grid of the table read. */
async function fixture(name: string): Promise<{ grid: Grid; model: TaskTable }> {
  const found = fixtureCases().find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  const model = await parse(found.bytes, { fileName: found.input });
  const read = model.sections.flatMap((s) => s.tasks).find(Boolean)?.place.table ?? 1;
  return { grid: (await gridsOf(found.bytes, found.input)).grids[read - 1] as Grid, model };
}

function allMeasures(model: TaskTable): Measure[] {
  return model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
}

describe('nothing is lost between the grid and the model', () => {
  for (const fixture of fixtureCases().filter((c) => !c.name.startsWith('prose-'))) {
    it(fixture.name, async () => {
      const model = await parse(fixture.bytes, { fileName: fixture.input });
      const { grids } = await gridsOf(fixture.bytes, fixture.input);
      // The table parse() read: the one its items are placed in (the others are reported as 'other-table').
      const read = model.sections.flatMap((s) => s.tasks).find(Boolean)?.place.table ?? 1;
      const grid = grids[read - 1];
      expect(grid).toBeDefined();
      expect(lostText(grid as Grid, model)).toEqual([]);
    });
  }
});

/** Role words and labels that the model holds as lead/support rather than as text. */
const ROLE_WORDS = /(?:按照?(?:职责|職責)分工)?(?:牵头|牽頭|配合|负责|負責|落实|落實)+$/u;
const LABEL = /^(?:牵头|牽頭|责任|責任|配合|协同|協同|主办|协办)*(?:单位|單位|部门|部門)?$/u;

/**
 * The pieces of a prose paragraph between brackets and punctuation that the model must hold
 * somewhere (text, titles, names, deadlines, notes, diagnostics), role words aside.
 */
function lostFromProse(paragraphs: readonly string[], model: TaskTable): string[] {
  const measures = allMeasures(model);
  const pool = [
    model.title ?? '',
    ...model.sections.flatMap((s) => [s.marker ?? '', s.title ?? '', ...s.tasks.flatMap((t) => [t.marker ?? '', t.title])]),
    ...measures.flatMap((m) => [m.text, ...m.departments, m.deadline?.text ?? '', m.notes ?? '']),
    ...model.diagnostics.map((d) => d.message),
  ]
    .join('|')
    .replace(/\s/gu, '');
  const lost: string[] = [];
  const start = model.sections[0]?.place?.row ?? model.sections[0]?.tasks[0]?.place.row ?? 1;
  paragraphs.slice(start - 1).forEach((paragraph) => {
    for (const raw of paragraph.replace(/\s/gu, '').split(/[（）()〔〕【】[\]，,；;。.：:、“”及]/u)) {
      const piece = raw.replace(ROLE_WORDS, '').replace(/^由/u, '').replace(/等$/u, '');
      if ([...piece].length >= 2 && !LABEL.test(piece) && !pool.includes(piece)) lost.push(piece);
    }
  });
  return lost;
}

describe('nothing is lost between the paragraphs of a prose plan and the model', () => {
  for (const fixture of fixtureCases().filter((c) => c.name.startsWith('prose-'))) {
    it(fixture.name, async () => {
      const model = await parse(fixture.bytes, { fileName: fixture.input });
      expect(model.source.dialect).toBe('prose');
      expect(lostFromProse((await gridsOf(fixture.bytes, fixture.input)).paragraphs, model)).toEqual([]);
    });
  }

  it("fails where a measure's text is dropped", async () => {
    const fixture = fixtureCases().find((c) => c.name === 'prose-html');
    const model = await parse(fixture?.bytes ?? new Uint8Array(), { fileName: 'input.html' });
    const measure = allMeasures(model)[0] as Measure;
    measure.text = '';
    expect(lostFromProse((await gridsOf(fixture?.bytes ?? new Uint8Array(), 'input.html')).paragraphs, model).join('')).toContain('网站概况信息');
  });
});

/** A small HTML task table: a header row, then rows whose cells are text or raw <td …> markup. */
function html(header: readonly string[], ...rows: (readonly string[])[]): string {
  const cell = (c: string) => (c.startsWith('<td') ? c : `<td>${c}</td>`);
  return `<table><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</table>`;
}

/** A table with title rows above its header, each one cell spanning `width` columns. */
function titled(titles: readonly string[], width: number, table: string): string {
  return table.replace('<table>', `<table>${titles.map((t) => `<tr><td colspan="${width}">${t}</td></tr>`).join('')}`);
}

/**
 * Minimal tables, beyond the fixtures, each dropping the text of one cell without a diagnostic
 * (found with this check while writing it; each is a fenjie bug or an undocumented normalization).
 */
const CONSTRUCTED: readonly (readonly [string, string])[] = [
  ['departments beside a cell that spans the task and measure columns', html(['基本任务', '具体措施', '责任部门'], ['<td colspan="2">1、任务和措施</td>', '指挥部'])],
  [
    'a second deadline under a measure cell merged over two rows',
    html(['具体措施', '责任部门', '完成时限'], ['<td rowspan="2">措施甲</td>', '指挥部', '6月底前'], ['法制办', '9月底前']),
  ],
  ['a serial number over a task that has its own marker', html(['序号', '基本任务', '具体措施', '责任部门'], ['<td rowspan="2">5</td>', '<td rowspan="2">1、任务</td>', '措施甲', '指挥部'], ['措施乙', '法制办'])],
  ['a serial cell that is not a number', html(['序号', '具体措施', '责任部门'], ['1', '措施甲', '指挥部'], ['一', '措施乙', '指挥部'], ['3', '措施丙', '指挥部'], ['4', '措施丁', '指挥部'], ['5', '措施戊', '指挥部'])],
  [
    'a second title row (a subtitle)',
    titled(['2016年工作要点任务分解表', '（2016年3月印发）'], 3, html(['基本任务', '具体措施', '责任部门'], ['1、任务', '措施甲', '指挥部'])),
  ],
  ['a department list ending in 。', html(['具体措施', '责任部门'], ['措施甲', '指挥部、法制办。'])],
  ['a 责任单位： label in a department cell', html(['具体措施', '责任部门'], ['措施甲', '责任单位：市财政局'])],
];

describe('nothing is lost from constructed tables', () => {
  it.each(CONSTRUCTED)('%s', async (_name, source) => {
    const bytes = new TextEncoder().encode(source);
    const model = await parse(bytes, { fileName: 'constructed.html' });
    const grid = (await gridsOf(bytes, 'constructed.html')).grids[0] as Grid;
    expect(lostText(grid, model)).toEqual([]);
  });
});

// The check must fail where text is dropped, or its passing says nothing: drop a piece of a parsed
// model and it must name the cell that piece came from.
describe('the nothing-lost check itself', () => {
  it('notices a measure text cut short, a name left out and a note dropped', async () => {
    const { grid, model } = await fixture('family-phrases-text');
    const measures = allMeasures(model);
    const cut = structuredClone(model);
    const first = allMeasures(cut)[0] as Measure;
    first.text = first.text.slice(0, -1);
    expect(lostText(grid, cut)).toEqual([expect.stringMatching(new RegExp(`^row ${first.place.row}, column ${first.place.column} `))]);

    const noted = measures.findIndex((m) => m.notes === '负责落实' && m.support.length > 0);
    expect(noted).toBeGreaterThanOrEqual(0);
    const unnoted = structuredClone(model);
    (allMeasures(unnoted)[noted] as Measure).notes = null;
    expect(lostText(grid, unnoted)).toEqual([expect.stringContaining('"负责落实" not in the model')]);

    const named = structuredClone(model);
    const m = allMeasures(named)[noted] as Measure;
    const gone = m.support[0] as string;
    m.support = m.support.slice(1);
    m.departments = m.departments.filter((d) => d !== gone);
    expect(lostText(grid, named)).toHaveLength(1);
  });

  it('does not excuse a lead phrase when the measure has no lead', async () => {
    const { grid, model } = await fixture('family-phrases-text');
    const unled = structuredClone(model);
    const m = allMeasures(unled).find((x) => x.lead.length === 1 && x.support.length > 0) as Measure;
    m.support = [...m.lead, ...m.support];
    m.lead = [];
    expect(lostText(grid, unled)).toEqual([expect.stringContaining('"牵头" not in the model')]);
  });

  it('notices a lost title row, header and diagnostic', async () => {
    const titled = await fixture('family-title-row-html');
    expect(titled.grid.headerStart).toBe(1);
    expect(lostText(titled.grid, { ...titled.model, title: null })).toHaveLength(1);
    const columns = titled.model.columns.map((c, i) => (i === 0 ? { ...c, header: '' } : c));
    expect(lostText(titled.grid, { ...titled.model, columns })).toHaveLength(1);
    const spanning = await fixture('docx-gridspan-vmerge');
    const diagnostics = spanning.model.diagnostics.filter((d) => d.ruleId !== 'spanning-row');
    expect(lostText(spanning.grid, { ...spanning.model, diagnostics })).toHaveLength(1);
  });
});
