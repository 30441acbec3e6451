import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { declaresFirstLead } from '../../src/normalize/responsibility.js';

describe('declaresFirstLead', () => {
  it.each([
    ['除标注“分别牵头”外,列第一位为牵头或汇总单位,下同', true],
    ['注：责任单位排在第一位的为牵头单位', true],
    ['排名第一的为牵头单位', true],
    ['第一个单位为牵头单位', true],
    ['列首位的为牵头单位', true],
    ['列第一位為牽頭單位', true],
    ['市发改委牵头，市财政局配合', false],
    ['第一季度完成，牵头单位为市发改委', false],
  ])('%s → %s', (text, declares) => {
    expect(declaresFirstLead(text)).toBe(declares);
  });
});

describe('a document that states that the first unit listed leads (fixtures/real/lishui)', () => {
  it('reads the first of several departments as lead where a measure marks none, in a table', async () => {
    const table = await parse(
      [
        '2023年重点工作任务分解表',
        '',
        '注：责任单位排名第一的为牵头单位。',
        '',
        '| 工作任务 | 具体措施 | 责任单位 |',
        '|---|---|---|',
        '| 一、稳增长 | 1.扩大投资。 | 市发改委、市财政局 |',
        '| | 2.促进消费。 | 市商务局 |',
        '| | 3.稳定外贸。 | 市商务局牵头，市海关配合 |',
        '| | 4.保障用地。 | 市自然资源局、市住建局分别牵头 |',
      ].join('\n'),
    );
    const measures = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.lead, m.support])).toEqual([
      [['市发改委'], ['市财政局']],
      [[], []],
      [['市商务局'], ['市海关']],
      [['市自然资源局', '市住建局'], []],
    ]);
    expect(table.diagnostics.filter((d) => d.ruleId === 'first-lead')).toMatchObject([
      { severity: 'info', params: { text: '注：责任单位排名第一的为牵头单位。', count: 1 }, place: { row: 2 } },
    ]);
  });

  it('takes the rule out of the name it was written after, into the measure\'s notes, in a plan', async () => {
    const plan = await parse(['1.投资增长10%。', '责任单位：市发改委、市财政局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）', '2.消费增长5%。', '责任单位：市商务局、市统计局'].join('\n\n'));
    const measures = plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.departments, m.lead, m.notes])).toEqual([
      [['市发改委', '市财政局'], ['市发改委'], '除标注“分别牵头”外，列第一位为牵头或汇总单位，下同'],
      [['市商务局', '市统计局'], ['市商务局'], null],
    ]);
  });

  it('reads the rule as a remark among the names of a bracket, in Traditional script too (fixtures/real/neijiang)', async () => {
    const plan = await parse(
      ['(一)建立聯動機制。(市發展改革委、市財政局、市統計局等負責,列第一位者為牽頭單位,下同)', '(二)發展產業。(市商務局、市農業局等負責)'].join('\n\n'),
    );
    const measures = plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => [m.departments, m.lead, m.support])).toEqual([
      [['市發展改革委', '市財政局', '市統計局'], ['市發展改革委'], ['市財政局', '市統計局']],
      [['市商務局', '市農業局'], ['市商務局'], ['市農業局']],
    ]);
    expect(plan.diagnostics.some((d) => d.ruleId === 'first-lead')).toBe(true);
  });

  it('changes nothing where the document states no such rule', async () => {
    const plan = await parse(['1.投资增长10%。', '责任单位：市发改委、市财政局'].join('\n\n'));
    expect(plan.sections[0]!.tasks[0]!.measures[0]).toMatchObject({ lead: [], support: [] });
    expect(plan.diagnostics.some((d) => d.ruleId === 'first-lead')).toBe(false);
  });
});
