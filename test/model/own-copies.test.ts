import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';

// A full collection on demand: V8's gc(), exposed for this file by flag (as `node --expose-gc` would).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MIB = 1024 * 1024;

/**
 * The heap in use after a full collection, with `hold` alive: the least of three tries, each after
 * the tasks already queued have run. What only the engine holds for a while — a compile job's
 * handles on the objects it saw, the subject of the last regular-expression match (kept for
 * RegExp.lastMatch, and replaced by the match below) — can only add to a try; what the model keeps
 * alive is in every one.
 */
async function heapAfterCollection(hold: unknown): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    /x/.exec('x');
    gc();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  // Read after the measurements, so that `hold` is alive through them.
  expect(hold).toBeTruthy();
  return least;
}

// A table of two rows in a text of 8 MiB (a line of spaces after the table): the title, the text
// before and after the table and the text a diagnostic quotes are cut from the input, and in V8 a
// slice of a string keeps the whole string alive for as long as the model lives.
// Each longer than 12 characters: V8 copies a shorter substring rather than slicing it.
const title = '上海市公安局2016年政务公开工作任务分解表';
const preamble = '说明：各单位按照本表认真落实各项工作任务';
const postscript = '附：联系人张三，联系电话请见通讯录第二页';
const measure = '第1条措施：公开执法依据和执法程序';
const titleRow = '填报单位：上海市公安局政务公开办公室（盖章）';
const INPUTS: [string, string, (filler: string) => string][] = [
  ['text', 'big.txt', (filler) => [title, preamble, '基本任务\t具体措施\t责任部门', `一、公开\t${measure}\t市公安局`, `\t${measure}\t市公安局`, filler].join('\n')],
  ['Markdown', 'big.md', (filler) => [`# ${title}`, '', preamble, '', '| 基本任务 | 具体措施 | 责任部门 |', '|---|---|---|', `| 一、公开 | ${measure} | 市公安局 |`, `| | ${measure} | 市公安局 |`, '', filler, '', postscript].join('\n')],
  [
    'HTML',
    'big.html',
    (filler) =>
      `<h1>${title}</h1><p>${preamble}</p><table><tr><td colspan="3">${titleRow}</td></tr><tr><th>基本任务</th><th>具体措施</th><th>责任部门</th></tr>` +
      `<tr><td rowspan="2">一、公开</td><td>${measure}</td><td>市公安局</td></tr><tr><td>${measure}</td><td>市公安局</td></tr></table><p>${filler}${postscript}</p>`,
  ],
];

// A plan written as numbered paragraphs, with the same line after it (the line once overflowed a
// regular expression's stack in normalizing white space; see test/normalize/whitespace.test.ts).
const plan = (filler: string) =>
  [
    '上海市公安局2016年政务公开工作实施方案',
    '一、推进执法公开工作',
    '（一）公开执法依据和执法程序，明确责任分工和工作标准。（牵头单位：市公安局法制办公室）',
    '（二）推进行政许可信息公示，及时公开工作进展情况和结果。（市公安局治安总队负责，2016年12月底前完成）',
    filler,
  ].join('\n');

describe('the model keeps no slice of its input alive', () => {
  it('a plan written as paragraphs: its model holds far less than the 8 MiB text it was read from', async () => {
    await parse(plan(''), { fileName: 'plan.txt' });
    const before = await heapAfterCollection(true);
    let input: string | null = plan(' '.repeat(8 * MIB));
    const model = await parse(input, { fileName: 'plan.txt' });
    input = null;
    expect(model.source.dialect).toBe('prose');
    expect(model.title).toBe('上海市公安局2016年政务公开工作实施方案');
    const measures = model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
    expect(measures.map((m) => m.text)).toEqual(['（一）公开执法依据和执法程序，明确责任分工和工作标准。', '（二）推进行政许可信息公示，及时公开工作进展情况和结果。']);
    expect(measures.map((m) => m.departments)).toEqual([['市公安局法制办公室'], ['市公安局治安总队']]);
    expect(measures[1]?.deadline?.text).toBe('2016年12月底前完成');
    expect((await heapAfterCollection(model)) - before).toBeLessThan(2 * MIB);
  });

  it.each(INPUTS)('%s: a model of two rows holds far less than the 8 MiB text it was read from', async (_format, fileName, write) => {
    // Readers load on first use: loaded before the heap is measured.
    await parse(write(''), { fileName });
    const before = await heapAfterCollection(true);
    let input: string | null = write(' '.repeat(8 * MIB));
    const model = await parse(input, { fileName });
    input = null;
    expect(model.title).toBe(title);
    expect(model.preamble).toContain(preamble);
    if (!fileName.endsWith('.txt')) expect(model.postscript).toEqual([postscript]);
    // A row above the header that did not become the title is reported, quoting it.
    if (fileName.endsWith('.html')) expect(model.diagnostics.find((d) => d.ruleId === 'spanning-row')?.params['text']).toBe(titleRow);
    expect(model.diagnostics.find((d) => d.ruleId === 'duplicate-measure')?.params['text']).toBe(measure);
    expect((await heapAfterCollection(model)) - before).toBeLessThan(2 * MIB);
  });
});
