import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type ParseOptions } from '../../src/index.js';
import { RULE_IDS, RULES, runRules } from '../../src/validate/index.js';
import { RULE_TEXTS } from '../../src/i18n/messages.js';

const HEADER = '| 项目名称 | 基本任务 | 具体措施 | 责任部门 |\n| --- | --- | --- | --- |';

/** The diagnostics of a Markdown table with a title, as [ruleId, severity, message, row]. */
async function check(rows: string, options: ParseOptions = {}) {
  const table = await parse(`# 2020年某局任务分解表\n\n${HEADER}\n${rows}`, options);
  return table.diagnostics.map((d) => [d.ruleId, d.severity, d.message, d.place?.row ?? null]);
}

const GOOD = '| 一、甲 | 1、乙 | a | 办公室 |\n| | | b | |\n| | 2、丙 | c | 财务处 |\n| 二、丁 | 3、戊 | d | 法规处 |';

describe('rules', () => {
  it('find nothing in a sound table', async () => {
    expect(await check(GOOD)).toEqual([]);
  });

  it('are each documented in docs/rules/<id>.md and listed in its index', () => {
    const docs = join(import.meta.dirname, '..', '..', 'docs', 'rules');
    const index = readFileSync(join(docs, 'README.md'), 'utf8');
    for (const rule of RULES) {
      expect(readFileSync(join(docs, `${rule.id}.md`), 'utf8').startsWith(`# ${rule.id}\n`)).toBe(true);
      expect(index).toContain(`[${rule.id}](${rule.id}.md) | ${rule.defaultSeverity} |`);
    }
  });

  it('have unique ids, sentences and severities', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('missing-departments: a measure with no department after merges', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | |')).toEqual([
      ['missing-departments', 'error', 'The measure in row 2 names no responsible department, and no merged cell above gives one.', 2],
    ]);
  });

  it('inherit-across-task: a blank department cell under another task', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | 办公室 |\n| | 2、丙 | b | |')).toEqual([
      [
        'inherit-across-task',
        'warning',
        'The first measure of the task in row 3 has a blank department cell and takes the departments of the task above (办公室); write them out if that is meant.',
        3,
      ],
    ]);
  });

  it('inherit-across-task: not for an explicit rowspan', async () => {
    const html = '<p>2020年任务分解表</p><table><tr><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr><tr><td>1、乙</td><td>a</td><td rowspan="2">办公室</td></tr><tr><td>2、丙</td><td>b</td></tr></table>';
    expect((await parse(html)).diagnostics).toEqual([]);
  });

  it('empty-measure: departments without a measure', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | 办公室 |\n| | | | 财务处 |')).toEqual([
      ['empty-measure', 'error', 'The measure cell in row 3 is blank (task "乙"); expected the text of a measure.', 3],
    ]);
  });

  it('duplicate-measure: the same text twice', async () => {
    expect(await check('| 一、甲 | 1、乙 | 公开预算 | 办公室 |\n| | 2、丙 | 公开预算 | 财务处 |')).toEqual([
      ['duplicate-measure', 'warning', 'The measure in row 3 repeats the one in row 2: "公开预算".', 3],
    ]);
  });

  it('section-numbering: a gap names the number expected', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | 办公室 |\n| 三、丙 | 2、丁 | b | 财务处 |')).toEqual([
      ['section-numbering', 'warning', 'Section "三、丙" is numbered 3; expected 2.', 3],
    ]);
  });

  it('task-numbering: straight through the table', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | 办公室 |\n| | 1、丙 | b | 财务处 |\n| 二、丁 | 2、戊 | c | 法规处 |')).toEqual([
      ['task-numbering', 'warning', 'Task "1、丙" is numbered 1; expected 2.', 3],
    ]);
  });

  it('task-numbering: afresh in each section', async () => {
    expect(await check('| 一、甲 | 1、乙 | a | 办公室 |\n| 二、丁 | 1、戊 | c | 法规处 |\n| | 3、己 | d | 法规处 |')).toEqual([
      ['task-numbering', 'warning', 'Task "3、己" is numbered 3; expected 2 (tasks are numbered afresh in each section).', 4],
    ]);
  });

  it('missing-title: no title before the table', async () => {
    const table = await parse(`${HEADER}\n| 一、甲 | 1、乙 | a | 办公室 |`);
    expect(table.diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'missing-title',
        message: 'No title was found: expected a line such as "2016年…任务分解表" before the table or in a title row.',
        params: {},
        place: null,
      },
    ]);
  });

  it('missing-header: no measure column', async () => {
    const table = await parse('# 2020年表\n\n| 甲 | 乙 |\n| - | - |\n| a | b |');
    expect(table.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['missing-header', 'error']]);
  });

  it('unknown-department: only with a configured list, after aliases', async () => {
    expect(await check(GOOD, { aliases: { 财务处: '计划财务处' } })).toEqual([]);
    expect(await check(GOOD, { departments: ['办公室', '计划财务处'], aliases: { 财务处: '计划财务处' } })).toEqual([
      ['unknown-department', 'error', 'Department "法规处" in row 5 is not in the configured departments list; add it, or an alias for it.', 5],
    ]);
  });

  it('take their level from the settings, or are off', async () => {
    const rows = '| 一、甲 | 1、乙 | a | |';
    expect((await check(rows, { rules: { 'missing-departments': 'warning' } })).map((d) => d.slice(0, 2))).toEqual([['missing-departments', 'warning']]);
    expect(await check(rows, { rules: { 'missing-departments': 'off' } })).toEqual([]);
  });

  it('refuse an unknown rule id in the options, at compile time and at run time', async () => {
    // @ts-expect-error 'no-such-rule' is not a RuleId
    await expect(parse('x', { rules: { 'no-such-rule': 'off' } })).rejects.toThrow("invalid option 'rules.no-such-rule': unknown rule 'no-such-rule'");
  });

  it('keep diagnostics that no rule owns, ordered by place', async () => {
    const table = await parse(`# 2020年某局任务分解表\n\n${HEADER}\n| 一、甲 | 1、乙 | a | 办公室 |`);
    const extra = { severity: 'info' as const, ruleId: 'custom-note', message: 'x', params: {}, place: null };
    expect(runRules({ ...table, diagnostics: [extra] })).toEqual([extra]);
  });
});

describe('rule documentation', () => {
  const docs = join(import.meta.dirname, '..', '..', 'docs', 'rules');
  it.each(RULE_IDS.map((id) => [id]))('docs/rules/%s.md has its English description and a Chinese section with the zh messages', (id) => {
    const text = readFileSync(join(docs, `${id}.md`), 'utf8');
    expect(text).toContain('## 中文说明');
    expect(text).toContain(RULE_TEXTS[id].zhDescription);
    // The Chinese example, when there is one, is what the rule's zh message says.
    const example = text.split('## 中文说明')[1]?.match(/```\n(.*)\n```/)?.[1];
    if (example !== undefined) expect(example).toMatch(/[\u4e00-\u9fff]/);
  });
});
