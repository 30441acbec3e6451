import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type TaskTable } from '../src/index.js';

const SEED = join(import.meta.dirname, '..', 'seeds', '2016-shanghai-psb-zwgk-task-table.txt');

// The cases MODEL.md names for the seed, asserted one by one.
describe('the bundled 2016 seed', () => {
  let table: TaskTable;
  beforeAll(async () => {
    table = await parse(readFileSync(SEED), { fileName: 'seed.txt', checkModel: true });
  });
  const tasks = () => table.sections.flatMap((s) => s.tasks);
  const task = (n: number) => tasks().find((t) => t.number === n)!;

  it('reads the title, year and layout', () => {
    expect(table.title).toBe('2016年上海市公安局政务公开工作要点任务分解表');
    expect(table.year).toBe(2016);
    expect(table.source).toEqual({ name: 'seed.txt', format: 'text', dialect: 'tab-led-cells', encoding: 'utf-8' });
    expect(table.columns.map((c) => [c.header, c.role])).toEqual([
      ['项目名称', 'section'],
      ['基本任务', 'task'],
      ['具体措施', 'measure'],
      ['责任部门', 'departments'],
    ]);
  });

  it('holds 4 sections, 14 tasks and 49 measures', () => {
    expect(table.sections).toHaveLength(4);
    expect(tasks()).toHaveLength(14);
    expect(tasks().flatMap((t) => t.measures)).toHaveLength(49);
    expect(tasks().map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('removes the white space the export put inside section 2', () => {
    expect(table.sections[1]).toMatchObject({ number: 2, marker: '二、', title: '进一步加强制度和体系建设' });
  });

  it('splits task markers from titles', () => {
    expect(task(10)).toMatchObject({ number: 10, marker: '10、', title: '“市局网上政务大厅”建设' });
  });

  it('carries task 1’s second department cell down to its third measure', () => {
    const third = task(1).measures[2]!;
    expect(third.text).toBe('有针对性地主动公开新出台公安改革政策措施');
    expect(third.departments).toEqual(['指挥部', '法制办', '市局相关单位', '各分（县）局']);
    expect(third.inherited).toBe(true);
    expect(task(1).measures[1]!.inherited).toBe(false);
  });

  it('gives task 7’s three measures their three own department cells', () => {
    expect(task(7).measures.map((m) => [m.departments, m.inherited])).toEqual([
      [['指挥部', '各分（县）局'], false],
      [['指挥部'], false],
      [['法制办'], false],
    ]);
  });

  it('gives task 12’s fourth measure its own cell', () => {
    expect(task(12).measures[3]).toMatchObject({ departments: ['政治部', '各分（县）局'], inherited: false });
    expect(task(12).measures[1]).toMatchObject({ departments: ['指挥部'], inherited: true });
  });

  it('lets the truncated last row inherit and reports it as ragged', () => {
    const last = task(14).measures.at(-1)!;
    expect(last.text).toBe('加强专门机构建设和人员配备，并将政务公开工作纳入绩效考核体系');
    expect(last.departments).toEqual(['指挥部', '政治部', '市局相关单位', '各分（县）局']);
    expect(last.inherited).toBe(true);
    expect(table.diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'ragged-row',
        message: 'Row 50 has 3 of 4 cells; the missing cell was read as blank.',
        params: { kind: 'short', row: 50, cells: 3, width: 4 },
        place: { table: 1, row: 50, column: 4, line: 314 },
      },
    ]);
  });

  it('lists every department once, in order of first appearance', () => {
    expect(table.departments.slice(0, 4)).toEqual(['指挥部', '法制办', '各分（县）局', '市局相关单位']);
    expect(new Set(table.departments).size).toBe(table.departments.length);
    expect(table.departments).toContain('纪委（纠风办）');
  });

  it('keeps every measure’s text as written, whitespace normalized', () => {
    const texts = tasks().flatMap((t) => t.measures.map((m) => m.text));
    expect(texts).toContain('在收费场所公示收费文件依据、主体、项目、范围、标准、对象等，主动接受社会监督');
    for (const text of texts) expect(text).toBe(text.trim());
  });

  it('places measures at their own cells with source lines', () => {
    expect(task(1).measures[0]!.place).toEqual({ table: 1, row: 2, column: 3, line: 11 });
    expect(table.sections[0]!.place).toEqual({ table: 1, row: 2, column: 1, line: 8 });
  });
});
