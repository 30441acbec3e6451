import { describe, expect, it } from 'vitest';
import { resolveSpans } from '../../src/grid/spans.js';
import { buildModel } from '../../src/model/build.js';
import { withSynonyms } from '../../src/model/roles.js';
import type { ColumnRole } from '../../src/model/schema.js';
import type { RawRow } from '../../src/read/raw-table.js';
import { cell, HEADER, row, table } from '../helpers/raw.js';

function build(rows: RawRow[], blanksAreMerges = false) {
  return buildModel(resolveSpans(table([HEADER, ...rows], { blanksAreMerges }), 1));
}

/** Measures as [text, departments, inherited] triples. */
function measures(built: ReturnType<typeof build>) {
  return built.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => [m.text, m.departments, m.inherited])));
}

describe('buildModel', () => {
  it('carries a rowspan department cell down with inherited set on the covered rows', () => {
    const built = build([
      row(cell('一、甲', { rowSpan: 3 }), cell('1、乙', { rowSpan: 3 }), 'a', cell('指挥部\n法制办', { rowSpan: 2 })),
      row('b'),
      row('c', '政治部'),
    ]);
    expect(measures(built)).toEqual([
      ['a', ['指挥部', '法制办'], false],
      ['b', ['指挥部', '法制办'], true],
      ['c', ['政治部'], false],
    ]);
    expect(built.departments).toEqual(['指挥部', '法制办', '政治部']);
    expect(built.diagnostics).toEqual([]);
  });

  it('takes the columns it is given instead of working them out again', () => {
    const grid = () => resolveSpans(table([HEADER, row('一、甲', '1、乙', 'a', '指挥部')]), 1);
    const columns = buildModel(grid()).columns;
    // The given columns are the model's, as they are: here the departments column re-labelled 'other'.
    const given = columns.map((column) => (column.role === 'departments' ? { ...column, role: 'other' as const } : column));
    const built = buildModel(grid(), { columns: given });
    expect(built.columns).toBe(given);
    expect(built.sections[0]!.tasks[0]!.measures[0]!.departments).toEqual([]);
    expect(buildModel(grid(), { columns }).sections).toEqual(buildModel(grid()).sections);
  });

  it("reads a caller's synonym for the units responsible, beside a lead column, as the supporters, role words and all", () => {
    const read = (units: string, synonyms: Record<string, ColumnRole>) => {
      const grid = resolveSpans(table([row('序号', '工作任务', '牵头单位', units), row('1', '加强执法公开', '市公安局', '办公室（牵头）、法制办')]), 1);
      const measure = buildModel(grid, { roleOf: withSynonyms(synonyms) }).sections[0]!.tasks[0]!.measures[0]!;
      return [measure.lead, measure.support];
    };
    const asBuiltIn = read('责任单位', {});
    expect(asBuiltIn).toEqual([['市公安局', '办公室'], ['法制办']]);
    expect(read('落实主体', { 落实主体: 'departments' })).toEqual(asBuiltIn);
  });

  it('quotes a department cell that says there are none ("/", "—", "无") in missing-departments, and not a blank one', () => {
    const built = build([row('一、甲', '1、乙', 'a', '/'), row('', '', 'b', '无'), row('', '', 'c', '')]);
    const missing = built.diagnostics.filter((d) => d.ruleId === 'missing-departments');
    expect(missing.map((d) => d.params)).toEqual([{ row: 2, text: '/' }, { row: 3, text: '无' }, { row: 4 }]);
    expect(missing.map((d) => d.message)).toEqual([
      'The measure in row 2 names no responsible department: its cell says only "/".',
      'The measure in row 3 names no responsible department: its cell says only "无".',
      'The measure in row 4 names no responsible department, and no merged cell above gives one.',
    ]);
  });

  it('carries blank cells down in a blanks-are-merges layout, across tasks too', () => {
    const built = build([row('一、甲', '1、乙', 'a', '指挥部'), row('', '', 'b', ''), row('', '2、丙', 'c', '')], true);
    expect(measures(built)).toEqual([
      ['a', ['指挥部'], false],
      ['b', ['指挥部'], true],
      ['c', ['指挥部'], true],
    ]);
    expect(built.sections[0]!.tasks.map((t) => [t.number, t.marker, t.title])).toEqual([
      [1, '1、', '乙'],
      [2, '2、', '丙'],
    ]);
  });

  it('reports a blank department cell with nothing above it and keeps the list empty', () => {
    const built = build([row('一、甲', '1、乙', 'a', ''), row('', '', 'b', '')], true);
    expect(measures(built)).toEqual([
      ['a', [], false],
      ['b', [], false],
    ]);
    expect(built.diagnostics.map((d) => [d.ruleId, d.severity, d.place?.row, d.place?.column])).toEqual([
      ['missing-departments', 'error', 2, 4],
      ['missing-departments', 'error', 3, 4],
    ]);
    expect(built.diagnostics[0]!.message).toBe('The measure in row 2 names no responsible department, and no merged cell above gives one.');
  });

  it('numbers measures from a serial column, or their task where one serial cell spans its measures', () => {
    const serialHeader = row('序号', '项目名称', '基本任务', '具体措施', '责任部门');
    const built = buildModel(
      resolveSpans(
        table([
          serialHeader,
          // One serial a measure.
          row('1', cell('一、甲', { rowSpan: 9 }), '乙', '（1）a', '指挥部'),
          row('2', '丙', 'b', '指挥部'),
          // One serial over the measures of an unnumbered task: the task's number.
          row(cell('3', { rowSpan: 2 }), cell('丁', { rowSpan: 2 }), '（1）c', '指挥部'),
          row('（2）d', '指挥部'),
          // Over the measures of a task numbered otherwise: the task keeps its number, the first measure takes the serial.
          row(cell('4', { rowSpan: 2 }), cell('7、戊', { rowSpan: 2 }), '（1）e', '指挥部'),
          row('f', '指挥部'),
          // Over measures of two tasks: each measure's number.
          row(cell('5', { rowSpan: 2 }), '己', '（1）g', '指挥部'),
          row('庚', '（1）h', '指挥部'),
          // Not a number: kept as written.
          row('补1', '辛', 'i', '指挥部'),
        ]),
        1,
      ),
    );
    const tasks = built.sections[0]!.tasks;
    expect(tasks.map((t) => [t.title, t.number, t.measures.map((m) => [m.text, m.number])])).toEqual([
      ['乙', null, [['（1）a', 1]]],
      ['丙', null, [['b', 2]]],
      ['丁', 3, [['（1）c', 1], ['（2）d', 2]]],
      ['戊', 7, [['（1）e', 4], ['f', null]]],
      ['己', null, [['（1）g', 5]]],
      ['庚', null, [['（1）h', 5]]],
      ['辛', null, [['i', null]]],
    ]);
    expect(tasks[6]!.measures[0]!.extra).toEqual({ 序号: '补1' });
  });

  it('numbers the first measure, not the task, from a serial cell over some of a task\'s measures (fixtures/real/linan)', () => {
    const built = buildModel(
      resolveSpans(
        table([
          row('序号', '项目内容', '责任单位'),
          row('1', '新建学校7所。', '教育局'),
          row(cell('2', { rowSpan: 2 }), '新建驿站7家。', cell('卫生健康局', { rowSpan: 2 })),
          row('新增托位500个。'),
        ]),
        1,
      ),
    );
    const task = built.sections[0]!.tasks[0]!;
    expect([task.number, task.measures.map((m) => m.number)]).toEqual([null, [1, 2, null]]);
    expect(built.diagnostics).toEqual([]);
  });

  it('reads a row whose one cell spans the table and starts with a marker as a section', () => {
    const built = build([row(cell('二、加强监督', { colSpan: 4 })), row('', '1、乙', 'a', 'x')]);
    expect(built.sections.map((s) => [s.number, s.marker, s.title, s.tasks.length])).toEqual([[2, '二、', '加强监督', 1]]);
  });

  it('reports a spanning row without a marker instead of dropping it', () => {
    const built = build([row(cell('注：以下为新增任务', { colSpan: 4 })), row('一、甲', '1、乙', 'a', 'x')]);
    expect(built.diagnostics).toEqual([
      {
        severity: 'info',
        ruleId: 'spanning-row',
        message: 'A row spans the whole table without a numbering marker and was not read as a section: "注：以下为新增任务".',
        params: { kind: 'body', text: '注：以下为新增任务' },
        place: { table: 1, row: 2, column: 1, line: null },
      },
    ]);
  });

  it('gives measures before any section an untitled section and task', () => {
    const built = build([row('', '', 'a', 'x')]);
    expect(built.sections).toHaveLength(1);
    expect(built.sections[0]).toMatchObject({ number: null, marker: null, title: null, place: null });
    expect(built.sections[0]!.tasks[0]).toMatchObject({ number: null, marker: null, title: '' });
  });

  it('adds the departments of a row under a measure cell spanning rows to that measure', () => {
    const built = build([row('一、甲', '1、乙', cell('a', { rowSpan: 2 }), '指挥部'), row('', '', '法制办')]);
    expect(measures(built)).toEqual([['a', ['指挥部', '法制办'], false]]);
  });

  it('keeps columns it does not know in extra, keyed by header, prototypes untouched', () => {
    const rows = [row('项目名称', '基本任务', '具体措施', '责任部门', '__proto__', '备用')];
    const grid = resolveSpans(table([...rows, row('一、甲', '1、乙', 'a', 'x', 'p', '')]), 1);
    const built = buildModel(grid);
    const extra = built.sections[0]!.tasks[0]!.measures[0]!.extra;
    expect(Object.keys(extra)).toEqual(['__proto__']);
    expect(extra['__proto__']).toBe('p');
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(built.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'departments', 'other', 'other']);
  });

  it('reads a column labelled as measures left of the tasks as the sections (工作要求 | 工作任务 | 具体要求)', () => {
    const rows = [row('工作要求', '工作任务', '具体要求', '责任单位')];
    const built = buildModel(resolveSpans(table([...rows, row('一、甲', '（一）乙', '1.丙', '市司法局')]), 1));
    expect(built.columns.map((c) => c.role)).toEqual(['section', 'task', 'measure', 'departments']);
    expect(built.sections[0]).toMatchObject({ title: '甲', tasks: [{ title: '乙', measures: [{ text: '1.丙' }] }] });
    // Where a column already holds the sections, a second measure label is not moved up to them.
    const taken = buildModel(resolveSpans(table([row('领域', '工作要求', '工作任务', '具体要求', '责任单位'), row('一、甲', 'x', '（一）乙', '1.丙', '市司法局')]), 1));
    expect(taken.columns.map((c) => c.role)).toEqual(['section', 'measure', 'task', 'other', 'departments']);
    // A measure column left of a column of targets labelled as tasks (目标任务), with no second measure label, stays the measures.
    const targets = buildModel(resolveSpans(table([row('工作内容', '目标任务', '责任单位'), row('1.推进分类。', '覆盖率90%', '市城管委')]), 1));
    expect(targets.columns.map((c) => c.role)).toEqual(['measure', 'task', 'departments']);
  });

  it('keeps a second column labelled as the measures as other, not as a level above (工作任务 | 工作内容 | 预期目标)', () => {
    const built = buildModel(resolveSpans(table([row('工作任务', '工作内容', '预期目标', '牵头落实科室'), row('1、甲', '推进乙', '目标1', '办公室')]), 1));
    expect(built.columns.map((c) => c.role)).toEqual(['task', 'measure', 'other', 'lead']);
    expect(built.sections[0]?.tasks[0]).toMatchObject({ title: '甲', measures: [{ text: '推进乙', lead: ['办公室'], extra: { 预期目标: '目标1' } }] });
  });

  it('reads a column labelled as sections right of the task column as the measures (主要任务 | 重点工作和要求)', () => {
    const built = buildModel(resolveSpans(table([row('主要任务', '重点工作和要求', '责任单位'), row('（一）甲', '1.乙', '市安委办')]), 1));
    expect(built.columns.map((c) => c.role)).toEqual(['task', 'measure', 'departments']);
    expect(built.sections[0]!.tasks[0]).toMatchObject({ title: '甲', measures: [{ text: '1.乙' }] });
  });

  it('reports a table with no measure column as missing its header', () => {
    const built = buildModel(resolveSpans(table([row('甲', '乙'), row('a', 'b')]), 1));
    expect(built.sections).toEqual([]);
    expect(built.diagnostics[0]).toMatchObject({ severity: 'error', ruleId: 'missing-header' });
    expect(built.diagnostics[0]!.message).toBe('No column header names the measures (expected a header such as 具体措施); found: 甲, 乙.');
  });

  it('reads a measure number from a marker in its text and keeps the text whole', () => {
    const built = build([row('一、甲', '1、乙', '（2）加强  培训', 'x')]);
    expect(built.sections[0]!.tasks[0]!.measures[0]).toMatchObject({ number: 2, text: '（2）加强培训' });
  });

  it('gives a blank measure cell that has its own departments an empty measure, not the text above', () => {
    const built = build([row('一、甲', '1、乙', 'a', '指挥部'), row('', '', '', '法制办'), row('', '2、丙', '', '政治部')], true);
    expect(measures(built)).toEqual([
      ['a', ['指挥部'], false],
      ['', ['法制办'], false],
      ['', ['政治部'], false],
    ]);
  });

  it('lets a measure cell spanning into a new task belong to both tasks', () => {
    const built = build([row('一、甲', '1、乙', cell('a', { rowSpan: 2 }), '指挥部'), row('', '2、丙', '法制办')]);
    expect(built.sections[0]!.tasks.map((t) => [t.title, t.measures.map((m) => [m.text, m.departments])])).toEqual([
      ['乙', [['a', ['指挥部']]]],
      ['丙', [['a', ['法制办']]]],
    ]);
  });
});

describe('a measure cell of numbered items (fixtures/real/zhongshan-ybj-2021)', () => {
  it('reads each item as a measure sharing the row\'s units, the first owning them', async () => {
    const { parse } = await import('../../src/index.js');
    const table = await parse(['工作任务\t具体要求\t落实科室', '做好执法信息公开\t"3.公开负面清单。\n4.公开两定机构名单。\n5.公开检查结果。"\t法规科、医保中心按职责分工落实', '做好财政信息公开\t6.公开预算决算。\t办公室'].join('\n'));
    const measures = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.number, m.text, m.departments, m.inherited])).toEqual([
      [3, '3.公开负面清单。', ['法规科', '医保中心'], false],
      [4, '4.公开两定机构名单。', ['法规科', '医保中心'], true],
      [5, '5.公开检查结果。', ['法规科', '医保中心'], true],
      [6, '6.公开预算决算。', ['办公室'], false],
    ]);
  });

  it('keeps a cell as one measure where its paragraphs are not all items numbered in steps of one', async () => {
    const { parse } = await import('../../src/index.js');
    const table = await parse(['工作任务\t具体要求\t落实科室', '做好公开\t"加强执法公开：\n1.公开清单。\n2.公开名单。"\t法规科', '做好解读\t"1.解读政策。\n3.回应关切。"\t办公室'].join('\n'));
    const measures = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => m.text)).toEqual(['加强执法公开： 1.公开清单。 2.公开名单。', '1.解读政策。 3.回应关切。']);
  });
});
