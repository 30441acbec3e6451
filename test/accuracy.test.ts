import { describe, expect, it } from 'vitest';
import type { Measure, TaskTable } from '../src/index.js';
import { align, comparableText, scoreFile, type RealFile } from '../scripts/accuracy/score.js';
import { Truth, type TruthMeasure } from '../scripts/accuracy/truth.js';

const truthMeasure = (text: string, departments: string[], extra: Partial<TruthMeasure> = {}): TruthMeasure => ({
  text,
  departments,
  lead: [],
  support: [],
  inherited: false,
  deadline: null,
  ...extra,
});

const measure = (text: string, departments: string[], extra: Partial<Measure> = {}): Measure =>
  ({ number: null, text, departments, lead: [], support: [], inherited: false, deadline: null, notes: null, extra: {}, place: { table: 1, row: 1, column: 1, line: null }, ...extra }) as Measure;

const table = (measures: Measure[], diagnostics = 0): TaskTable =>
  ({
    sections: [{ number: null, marker: null, title: null, place: null, tasks: [{ number: null, marker: null, title: '', place: { table: 1, row: 1, column: 1, line: null }, measures }] }],
    diagnostics: Array.from({ length: diagnostics }, () => ({ severity: 'info', ruleId: 'x', message: 'x', place: null })),
  }) as unknown as TaskTable;

const file = (measures: TruthMeasure[], excluded?: string[]): RealFile => ({
  slug: 'case',
  dir: '.',
  input: 'input.txt',
  bytes: new Uint8Array(),
  truth: Truth.parse({ kind: 'table', sections: [{ title: null, tasks: [{ title: null, measures }] }], ...(excluded ? { excluded } : {}) }),
});

const A = '对行政规范性文件进行全面清理,并向社会公布现行有效行政规范性文件目录。';
const B = '积极做好政策解读工作,持续提升政策解读质量,丰富解读形式。';
const C = '依法依规办理政府信息公开申请,做行政复议答复和行政诉讼答辩工作,防范法律风险。';

describe('accuracy scoring', () => {
  it('ignores whitespace and a leading numbering marker when comparing text', () => {
    expect(comparableText(' 1. 对行政 规范性文件 ')).toBe(comparableText('对行政规范性文件'));
  });

  it('aligns in order past a missing and an extra measure', () => {
    expect(align([A, B, C], [A, C])).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(align([A, C], [A, '各科室', C])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    // Two measures glued into one still align with the first (as a partial), not with nothing.
    expect(align([A, B], [A + B])).toHaveLength(1);
  });

  it('counts exact, partial, missing and extra measures', () => {
    const score = scoreFile(
      file([truthMeasure(A, ['办公室']), truthMeasure(B, ['各科室']), truthMeasure(C, ['各科室'])]),
      table([measure(A, ['办公室']), measure(B, ['1']), measure('各科室', [])], 2),
    );
    expect(score).toMatchObject({ measures: 3, exact: 1, partial: 1, missing: 1, extra: 1, refused: null, confidentWrong: false });
    expect(score.differences).toEqual([expect.stringContaining('departments [1] for [各科室]')]);
  });

  it('requires lead, support and inherited to match for an exact measure', () => {
    const truth = file([truthMeasure(A, ['办公室', '各科室'], { lead: ['办公室'], support: ['各科室'], inherited: true })]);
    expect(scoreFile(truth, table([measure(A, ['各科室', '办公室'], { lead: ['办公室'], support: ['各科室'], inherited: true })])).exact).toBe(1);
    expect(scoreFile(truth, table([measure(A, ['办公室', '各科室'], { inherited: true })])).exact).toBe(0);
    expect(scoreFile(truth, table([measure(A, ['办公室', '各科室'], { lead: ['办公室'], support: ['各科室'] })])).exact).toBe(0);
  });

  it('flags a wrong answer with no diagnostic as confident wrong, and a refusal as refused', () => {
    expect(scoreFile(file([truthMeasure(A, ['办公室'])]), table([measure(A, ['各科室'])])).confidentWrong).toBe(true);
    expect(scoreFile(file([truthMeasure(A, ['办公室'])]), table([measure(A, ['办公室'])])).confidentWrong).toBe(false);
    expect(scoreFile(file([truthMeasure(A, ['办公室'])]), { code: 'no-table' })).toMatchObject({ refused: 'no-table', missing: 1, confidentWrong: false });
  });

  it('does not count a cut-off row named in excluded as extra', () => {
    const truth = file([truthMeasure(A, ['办公室'])], ['依法依规办理政府信息公开申请']);
    expect(scoreFile(truth, table([measure(A, ['办公室']), measure('依法依规办理政府信息公开申请,做行政复', [])])).extra).toBe(0);
    expect(scoreFile(truth, table([measure(A, ['办公室']), measure(B, [])])).extra).toBe(1);
  });

  it('rejects a truth that breaks the normalization rules', () => {
    const bad = (m: Partial<TruthMeasure>) => Truth.safeParse({ kind: 'table', sections: [{ title: null, tasks: [{ title: null, measures: [truthMeasure(A, ['办公室'], m)] }] }] }).success;
    expect(bad({})).toBe(true);
    expect(bad({ departments: ['办公室,各科室'] })).toBe(false);
    expect(bad({ departments: ['规划信息处(爱卫办)'] })).toBe(false);
    expect(bad({ text: '对行政 规范性文件' })).toBe(false);
    expect(bad({ lead: ['财务科'] })).toBe(false);
  });
});
