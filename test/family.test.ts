import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type Measure, type TaskTable } from '../src/index.js';
import { FIXTURES } from './helpers/fixtures.js';

const LAYOUTS = ['serial-deadline', 'lead-support', 'two-row-header', 'section-rows', 'title-row', 'phrases'] as const;
const RENDERINGS = ['html/input.html', 'docx/input.docx', 'text/input.txt', 'xlsx/input.xlsx', 'xls/input.xls', 'csv/input.csv'] as const;

async function read(layout: string, rendering: string): Promise<TaskTable> {
  return parse(readFileSync(join(FIXTURES, `family-${layout}-${rendering}`)), rendering.endsWith('.md') ? { fileName: 'input.md' } : {});
}

/**
 * What must not depend on the format: the model without places, source and header wording, and
 * without the text around the table (a title row in one rendering is a paragraph before it in another).
 */
function content(table: TaskTable) {
  const outside = ['place', 'source', 'preamble', 'postscript'];
  const json = JSON.parse(JSON.stringify(table, (key, value) => (outside.includes(key) ? undefined : value))) as TaskTable;
  return { ...json, columns: json.columns.map((c) => c.role) };
}

const measures = (table: TaskTable): Measure[] => table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));

// Six layouts of other offices' tables, each as HTML with rowspans, as LibreOffice's .docx of it and
// as a tab-led text export (fixtures/scripts/family.mjs), and as LibreOffice Calc's .xlsx, .xls and CSV
// of that HTML (fixtures/scripts/spreadsheets.mjs). Each reads the same in every rendering.
describe.each(LAYOUTS)('the %s layout', (layout) => {
  const tables: Record<string, TaskTable> = {};
  beforeAll(async () => {
    for (const rendering of RENDERINGS) tables[rendering] = await read(layout, rendering);
  });

  it.each(RENDERINGS.slice(1))('reads the same from %s as from HTML', (rendering) => {
    expect(content(tables[rendering]!)).toEqual(content(tables['html/input.html']!));
  });

  it('has no diagnostics', () => {
    expect(tables['html/input.html']!.diagnostics).toEqual([]);
  });
});

// The same tables as grid tables (fixtures/scripts/render-grids.mjs): pandoc's reStructuredText and
// Markdown `+---+` grids with merged cells left blank, and w3m's box-drawing dump with the spans drawn.
// pandoc writes family-phrases (one line a cell) as a simple table in Markdown and plain text, not as a grid.
const GRID_RENDERINGS = ['pandoc-rst/input.rst', 'w3m/input.txt', 'pandoc-markdown/input.md', 'pandoc-plain/input.txt'] as const;

describe.each(LAYOUTS)('the %s layout as a grid table', (layout) => {
  const renderings = GRID_RENDERINGS.filter((rendering) => existsSync(join(FIXTURES, `family-${layout}-${rendering}`)));

  it.each(renderings)('reads the same from %s as from HTML', async (rendering) => {
    const grid = await read(layout, rendering);
    expect(grid.source.dialect).toBe(layout === 'phrases' && !rendering.includes('rst') && !rendering.includes('w3m') ? 'simple-table' : 'grid');
    expect(content(grid)).toEqual(content(await read(layout, 'html/input.html')));
  });
});

describe('what each layout must give', () => {
  const get = (layout: string) => read(layout, 'html/input.html');

  it('serial + task + measure + departments + deadline', async () => {
    const table = await get('serial-deadline');
    const all = measures(table);
    expect(table.sections.map((s) => s.title)).toEqual([null]);
    expect(table.sections[0]!.tasks.map((t) => t.measures.length)).toEqual([3, 3, 3, 2, 3]);
    expect(all.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(all.map((m) => m.inherited)).toEqual([false, false, true, false, true, true, false, false, false, false, false, false, false, false]);
    expect(all[3]!.departments).toContain('县财政局（国资办）');
    expect(all[9]!.departments).toContain('县财政局（国资办）');
    expect(all.map((m) => m.deadline?.due ?? null)).toEqual([
      '2019-06-30', null, null, null, '2019-09-30', '2019-12-31', null,
      '2019-06-30', '2019-06-30', null, '2019-09-30', '2019-12-31', '2019-08-31', null,
    ]);
    expect(all.filter((m) => m.deadline?.ongoing).map((m) => m.number)).toEqual([2, 3, 7, 10, 14]);
  });

  it('lead and support columns', async () => {
    const all = measures(await get('lead-support'));
    expect(all).toHaveLength(13);
    expect(all.every((m) => m.lead.length > 0 && m.support.length > 0)).toBe(true);
    expect(all.slice(0, 3).map((m) => m.lead)).toEqual([['市市场监管局'], ['市市场监管局'], ['市市场监管局']]);
    expect(all[1]!.support).toEqual(['市公安局', '市税务局', '市人力资源社会保障局']);
    expect(all[0]!.departments).toEqual(['市市场监管局', '市公安局', '市税务局', '市人力资源社会保障局']);
    expect(all.map((m) => m.inherited)).toEqual([false, true, true, false, true, false, false, true, true, true, false, false, true]);
  });

  it('a two-row header, with 工作任务 spanning a serial column', async () => {
    const table = await get('two-row-header');
    expect(table.columns.map((c) => c.role)).toEqual(['section', 'serial', 'task', 'measure', 'lead', 'support', 'deadline']);
    expect(table.sections.map((s) => [s.marker, s.tasks.length])).toEqual([
      ['一、', 2],
      ['二、', 2],
      ['三、', 2],
      ['四、', 1],
    ]);
    expect(measures(table).map((m) => m.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(table.departments).toContain('各县（市、区）人民政府');
  });

  it('section rows spanning the table, tasks numbered in their text', async () => {
    const table = await get('section-rows');
    expect(table.sections.map((s) => [s.number, s.title])).toEqual([
      [1, '深化重点领域信息公开'],
      [2, '加强政策解读和回应关切'],
      [3, '夯实政务公开工作基础'],
    ]);
    expect(table.sections.flatMap((s) => s.tasks.map((t) => [t.number, t.marker]))).toEqual(
      ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'].map((marker, i) => [i + 1, marker]),
    );
    expect(measures(table).find((m) => m.number === 11)!.deadline).toMatchObject({ due: '2022-01-31' });
  });

  it('a title row spanning the table', async () => {
    const table = await get('title-row');
    expect(table.title).toMatch(/^2021年.*任务分解表$/);
    expect(table.year).toBe(2021);
    expect(measures(table)).toHaveLength(12);
  });

  it('牵头/配合 phrases inside one cell', async () => {
    const all = measures(await get('phrases'));
    const at = (n: number) => all.find((m) => m.number === n)!;
    expect([at(1).lead, at(1).support]).toEqual([['市发展改革委'], ['市财政局', '市统计局']]);
    expect([at(10).lead, at(10).support]).toEqual([['市卫生健康委'], ['市医保局']]);
    expect(at(13).lead).toEqual(['市公安局', '市交通运输局']);
    expect([at(8).departments, at(8).lead, at(8).notes]).toEqual([['市人力资源社会保障局'], [], '负责落实']);
    expect([at(7).inherited, at(7).notes]).toEqual([true, '按职责分工负责']);
  });
});
