import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse, TaskTable, type ParseOptions } from '../../src/index.js';
import type { Measure } from '../../src/model/schema.js';
import { describeOutcome, useParseWorker, type Outcome } from './worker.js';
import { deflatedZeros, writeZip } from './zip-bomb.js';

/*
 * Inputs built to hurt: huge cells, deep nesting, endless markers, zip bombs, grids that multiply.
 * Each must finish in seconds, so each runs in a worker (see worker.ts) that is stopped after
 * CASE_LIMIT_MS; there are no finer timing assertions, only that generous bound. Each must either
 * give a model the schema accepts or be refused with the FenjieError the limits promise.
 */

/**
 * Generous for "finishes in seconds": the slowest cases (a 12 MiB Markdown cell, 50,000 rows) take
 * 4–9 s on a busy 2-core machine, and 40 s when eight test suites share its two cores.
 */
const CASE_LIMIT_MS = 90_000;
const TEST_TIMEOUT_MS = CASE_LIMIT_MS + 10_000;
const MIB = 1024 * 1024;


const runInWorker = useParseWorker();

function run(input: string | Uint8Array, options: ParseOptions): Promise<Outcome> {
  return runInWorker(input, options, CASE_LIMIT_MS);
}

/** The model of an outcome, failing with what happened instead when there is none. */
function modelOf(outcome: Outcome): TaskTable {
  if (outcome.kind !== 'model') expect.fail(describeOutcome(outcome));
  return TaskTable.parse(outcome.model);
}

/** Expects a refusal with this code whose message starts with the file name and names the option. */
function expectRefused(outcome: Outcome, fileName: string, code: string, option?: string): string {
  if (outcome.kind !== 'error' || !outcome.fenjie) expect.fail(describeOutcome(outcome));
  expect(outcome.code, outcome.message).toBe(code);
  expect(outcome.message.startsWith(`${fileName}: `), outcome.message).toBe(true);
  if (option) expect(outcome.message).toContain(`(option ${option})`);
  return outcome.message;
}

function measuresOf(model: TaskTable): Measure[] {
  return model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
}

const HEADER = ['项目名称', '基本任务', '具体措施', '责任部门'];

/** A one-row task table in each text format, with `cells` as the data row. */
const WRITERS = {
  text: (cells: readonly string[]) => [...HEADER, ...cells].map((cell) => `\t${cell}`).join('\n'),
  html: (cells: readonly string[]) =>
    `<table><tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>`,
  markdown: (cells: readonly string[]) => `| ${HEADER.join(' | ')} |\n| --- | --- | --- | --- |\n| ${cells.join(' | ')} |\n`,
};
const EXTENSIONS = { text: 'txt', html: 'html', markdown: 'md' } as const;
const FORMATS = Object.keys(WRITERS) as (keyof typeof WRITERS)[];

describe('a 12 MiB cell', () => {
  // Chinese with spaces between the characters: the whitespace rules must drop every one of them.
  const unit = '加强 建设，';
  const units = Math.floor((12 * MIB) / new TextEncoder().encode(unit).length);
  const big = unit.repeat(units);

  it.each(FORMATS)('in %s', async (format) => {
    const fileName = `big-cell.${EXTENSIONS[format]}`;
    const bytes = new TextEncoder().encode(WRITERS[format](['一、领域', '1、任务', big, '指挥部']));
    expect(bytes.length).toBeGreaterThan(12 * MIB);
    const model = modelOf(await run(bytes, { fileName }));
    const [measure] = measuresOf(model);
    expect(measure?.text).toHaveLength(units * 5);
    expect(measure?.text.startsWith('加强建设，加强建设，')).toBe(true);
    expect(measure?.departments).toEqual(['指挥部']);
  }, TEST_TIMEOUT_MS);
});

describe('2,000 nested tables', () => {
  const DEPTH = 2000;
  const INNERMOST = '最里面的措施';
  const html =
    `<table><tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr><tr><td>一、领域</td><td>1、任务</td><td>` +
    '<table><tr><td>'.repeat(DEPTH) +
    INNERMOST +
    '</td></tr></table>'.repeat(DEPTH) +
    '</td><td>指挥部</td></tr></table>';

  const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const row = (...cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${c}</w:tc>`).join('')}</w:tr>`;
  // A table cell must end with a paragraph, so each level closes with an empty one.
  const nested = '<w:tbl><w:tr><w:tc>'.repeat(DEPTH) + p(INNERMOST) + '<w:p/></w:tc></w:tr></w:tbl>'.repeat(DEPTH);
  const body = `<w:tbl>${row(...HEADER.map(p))}${row(p('一、领域'), p('1、任务'), `${nested}<w:p/>`, p('指挥部'))}</w:tbl>`;
  const docx = zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body>${body}</w:body></w:document>`) });

  it('in HTML are refused by default, naming maxNestingDepth', async () => {
    expectRefused(await run(html, { fileName: 'nested.html' }), 'nested.html', 'limit-exceeded', 'maxNestingDepth');
  }, TEST_TIMEOUT_MS);

  it('in HTML parse with maxNestingDepth: 5000, the innermost text kept in its cell', async () => {
    const model = modelOf(await run(html, { fileName: 'nested.html', maxNestingDepth: 5000 }));
    expect(measuresOf(model)[0]?.text).toContain(INNERMOST);
  }, TEST_TIMEOUT_MS);

  it('in a .docx are refused by default, naming maxNestingDepth', async () => {
    expectRefused(await run(docx, { fileName: 'nested.docx' }), 'nested.docx', 'limit-exceeded', 'maxNestingDepth');
  }, TEST_TIMEOUT_MS);

  it('in a .docx parse with maxNestingDepth: 5000, as maxNestingDepth documents for .docx too', async () => {
    const model = modelOf(await run(docx, { fileName: 'nested.docx', maxNestingDepth: 5000 }));
    expect(measuresOf(model)[0]?.text).toContain(INNERMOST);
  }, TEST_TIMEOUT_MS);
});

describe('50,000 repeated numbering markers', () => {
  const markers = '一、'.repeat(50_000);

  it.each(FORMATS)('in every cell of a row, in %s', async (format) => {
    const fileName = `markers.${EXTENSIONS[format]}`;
    const model = modelOf(await run(WRITERS[format]([markers, markers, markers, markers]), { fileName }));
    const section = model.sections[0];
    expect(section?.marker).toBe('一、');
    expect(section?.title).toBe('一、'.repeat(49_999));
    expect(section?.tasks[0]?.title).toBe('一、'.repeat(49_999));
    expect(measuresOf(model)[0]?.text).toBe(markers);
  }, TEST_TIMEOUT_MS);

  it('as 50,000 rows each starting "1、"', async () => {
    const rows = ['具体措施\t责任部门', ...Array.from({ length: 50_000 }, () => '1、推进工作\t指挥部')];
    const model = modelOf(await run(rows.join('\n'), { fileName: 'rows.tsv' }));
    const measures = measuresOf(model);
    expect(measures).toHaveLength(50_000);
    expect(measures.every((m) => m.number === 1 && m.text === '1、推进工作' && m.departments[0] === '指挥部')).toBe(true);
  }, TEST_TIMEOUT_MS);
});

describe('a cell of 1,000,000 "（"', () => {
  it('in every column: section, task, measure, departments and deadline', async () => {
    const parens = '（'.repeat(1_000_000);
    const text = ['项目名称\t基本任务\t具体措施\t责任部门\t完成时限', Array(5).fill(parens).join('\t')].join('\n');
    const model = modelOf(await run(text, { fileName: 'parens.tsv' }));
    const [measure] = measuresOf(model);
    expect(measure?.text).toBe(parens);
    // One unclosed bracket holds the whole cell: one name, never split inside it.
    expect(measure?.departments).toEqual([parens]);
    expect(measure?.deadline?.text).toBe(parens);
  }, TEST_TIMEOUT_MS);
});

describe('a .docx that would inflate to 1 GiB', () => {
  const GIB = 1024 * MIB;
  // About 1 MiB of deflate data that really inflates to 1 GiB of zeros.
  const zeros = deflatedZeros(1024);

  it('is refused before inflating when its central directory says so', async () => {
    const docx = writeZip([{ path: 'word/document.xml', data: zeros, method: 8, size: GIB }]);
    expectRefused(await run(docx, { fileName: 'bomb.docx' }), 'bomb.docx', 'limit-exceeded', 'maxInflatedBytes');
    // The same declaration over data that is not deflate at all: inflating it would have said
    // 'corrupt-docx', so the refusal comes before any inflating.
    const fake = writeZip([{ path: 'word/document.xml', data: new Uint8Array(zeros.length).fill(0x55), method: 8, size: GIB }]);
    expectRefused(await run(fake, { fileName: 'bomb.docx' }), 'bomb.docx', 'limit-exceeded', 'maxInflatedBytes');
  }, TEST_TIMEOUT_MS);

  it('is stopped at the limit when its central directory lies about the size', async () => {
    const docx = writeZip([{ path: 'word/document.xml', data: zeros, method: 8, size: 40_000 }]);
    // A lower limit keeps the test quick: inflating stops after 8 MiB, not after 1 GiB.
    const message = expectRefused(await run(docx, { fileName: 'liar.docx', maxInflatedBytes: 8 * MIB }), 'liar.docx', 'limit-exceeded', 'maxInflatedBytes');
    expect(message).toContain('8 MiB');
  }, TEST_TIMEOUT_MS);
});

describe('input over maxInputBytes', () => {
  it('is refused for a string, counted in UTF-16 code units', async () => {
    const outcome = await run('测'.repeat(1025), { fileName: 'long.txt', maxInputBytes: 1024 });
    expectRefused(outcome, 'long.txt', 'limit-exceeded', 'maxInputBytes');
  }, TEST_TIMEOUT_MS);

  it('is refused for bytes over the default 50 MiB before they are decoded', async () => {
    // NUL bytes would be 'undecodable' if decoding came first.
    const outcome = await run(new Uint8Array(50 * MIB + 1), { fileName: 'huge.txt' });
    expectRefused(outcome, 'huge.txt', 'limit-exceeded', 'maxInputBytes');
  }, TEST_TIMEOUT_MS);
});

describe('a grid that spans too many cells', () => {
  const rows = '<tr><td>措施</td><td>指挥部</td></tr>'.repeat(2000);

  it('a colspan=1000 row over 2,000 rows is refused, naming maxCells', async () => {
    const html = `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr><td colspan="1000">宽</td></tr>${rows}</table>`;
    expectRefused(await run(html, { fileName: 'wide.html' }), 'wide.html', 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);

  it('one cell spanning 1000 columns and 2,001 rows is refused, naming maxCells', async () => {
    const html = `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr><td colspan="1000" rowspan="2001">宽</td></tr>${rows}</table>`;
    expectRefused(await run(html, { fileName: 'block.html' }), 'block.html', 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);
});

// These run in this thread: whether a prototype was touched can only be seen where the model was made.
describe('headers named like Object.prototype members', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).map((key) => [key, Object.getOwnPropertyDescriptor(Object.prototype, key)?.value]);

  /** Expects `extra` to hold KEYS as own data properties with these values, in order, and Object.prototype untouched. */
  function expectPlainExtra(extra: Record<string, string>, values: readonly string[]): void {
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    // Soft, so that every key that goes wrong is reported, not only the first.
    KEYS.forEach((key, i) => {
      expect.soft(Object.hasOwn(extra, key), `extra has its own '${key}'`).toBe(true);
      expect.soft(Object.getOwnPropertyDescriptor(extra, key)?.value, `extra['${key}']`).toBe(values[i]);
    });
    expect(Object.getOwnPropertyNames(Object.prototype).map((key) => [key, Object.getOwnPropertyDescriptor(Object.prototype, key)?.value])).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)['P1']).toBeUndefined();
  }

  it('land in extra as plain own keys (TSV)', async () => {
    const text = [['具体措施', '责任部门', ...KEYS], ['措施甲', '指挥部', 'P1', 'C1', 'T1', 'H1']].map((r) => r.join('\t')).join('\n');
    const model = await parse(text, { fileName: 'keys.tsv' });
    expectPlainExtra(measuresOf(model)[0]?.extra ?? {}, ['P1', 'C1', 'T1', 'H1']);
    expect.soft(JSON.stringify(model)).toContain('"__proto__":"P1"');
  });

  it('land in extra as plain own keys when a merged measure cell gathers them from a later row (HTML)', async () => {
    const html = `<table><tr><th>具体措施</th><th>责任部门</th>${KEYS.map((k) => `<th>${k}</th>`).join('')}</tr>
      <tr><td rowspan="2">措施乙</td><td>法制办</td><td></td><td></td><td></td><td></td></tr>
      <tr><td>政治部</td><td>P3</td><td>C3</td><td>T3</td><td>H3</td></tr></table>`;
    const model = await parse(html, { fileName: 'keys.html' });
    expectPlainExtra(measuresOf(model)[0]?.extra ?? {}, ['P3', 'C3', 'T3', 'H3']);
  });
});
