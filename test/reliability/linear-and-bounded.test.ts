import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TaskTable, type ParseOptions } from '../../src/index.js';
import type { Measure } from '../../src/model/schema.js';
import { formatGithub } from '../../src/report/github.js';
import { formatText } from '../../src/report/text.js';
import type { Diagnostic } from '../../src/model/schema.js';
import { describeOutcome, useParseWorker, type Outcome } from './worker.js';

/*
 * The classes of #14, each at a size that shows it: inputs that took minutes (time quadratic in a
 * run, a row or a depth), overflowed the stack (arguments spread into a call), or filled the heap
 * before a limit was checked. Each runs in a worker whose heap is capped at 1 GiB, the most any
 * input within the default limits may need, and which is stopped after CASE_LIMIT_MS: generous,
 * since the quadratic versions of these cases ran for minutes. Doubling is measured, with timings,
 * by `npm run stress`, not here.
 */
const CASE_LIMIT_MS = 30_000;
const TEST_TIMEOUT_MS = CASE_LIMIT_MS + 10_000;
const MIB = 1024 * 1024;

const runInWorker = useParseWorker(1024);
const run = (input: string | Uint8Array, options: ParseOptions): Promise<Outcome> => runInWorker(input, options, CASE_LIMIT_MS);

function modelOf(outcome: Outcome): TaskTable {
  if (outcome.kind !== 'model') expect.fail(describeOutcome(outcome));
  return TaskTable.parse(outcome.model);
}

function expectRefused(outcome: Outcome, code: string, option?: string): void {
  if (outcome.kind !== 'error' || !outcome.fenjie) expect.fail(describeOutcome(outcome));
  expect(outcome.code, outcome.message).toBe(code);
  if (option) expect(outcome.message).toContain(`(option ${option})`);
}

const measuresOf = (model: TaskTable): Measure[] => model.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures));
const HEADER = ['基本任务', '具体措施', '责任部门'];
const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (body: string, level: 0 | 1 | 6 = 6) =>
  zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body>${body}</w:body></w:document>`) }, { level });
const wp = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const wtr = (...cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${c}</w:tc>`).join('')}</w:tr>`;

describe('limits counted while reading: refused before memory fills (heap capped at 1 GiB)', () => {
  it('a .docx of 2 million empty cells', async () => {
    const bytes = docx(`<w:tbl>${wtr(...HEADER.map(wp))}${'<w:tr>' + '<w:tc/>'.repeat(2_000_000) + '</w:tr>'}</w:tbl>`, 1);
    expectRefused(await run(bytes, { fileName: 'empty-cells.docx' }), 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);

  it.each([
    ['a 40 MB line of TABs', 'tabs.txt', '\t'],
    ['a 40 MB line of pipes', 'pipes.txt', '|'],
  ])('%s', async (_what, fileName, char) => {
    expectRefused(await run(char.repeat(40 * MIB), { fileName }), 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);

  it('40 MB of HTML cells', async () => {
    expectRefused(await run(`<table>${'<td>'.repeat(10 * MIB)}</table>`, { fileName: 'cells.html' }), 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);

  it('40 MB of Markdown pipes', async () => {
    const md = `| a | b |\n| - | - |\n${'|'.repeat(40 * MIB)}\n`;
    expectRefused(await run(md, { fileName: 'pipes.md' }), 'limit-exceeded', 'maxCells');
  }, TEST_TIMEOUT_MS);

  it('45 MB of unclosed HTML elements, 15 million deep, reads without a DOM', async () => {
    const html = `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr><td>${'<b>'.repeat(15_000_000)}措施</td><td>指挥部</td></tr></table>`;
    const model = modelOf(await run(html, { fileName: 'deep.html' }));
    expect(measuresOf(model).map((m) => [m.text, m.departments])).toEqual([['措施', ['指挥部']]]);
  }, TEST_TIMEOUT_MS);
});

describe('time proportional to the input (sizes at which the old code ran for minutes)', () => {
  it('a .docx run of 5 million spaces (trimmed without backtracking)', async () => {
    const spaces = ' '.repeat(5_000_000);
    const body = `<w:tbl>${wtr(...HEADER.map(wp))}${wtr(wp('1、甲'), wp(`${spaces}措施${spaces}`), wp('指挥部'))}</w:tbl>`;
    const model = modelOf(await run(docx(body), { fileName: 'spaces.docx' }));
    expect(measuresOf(model)[0]?.text).toBe('措施');
  }, TEST_TIMEOUT_MS);

  it('a row of 200,000 unclosed <td>', async () => {
    const html = `<table><tr><th>具体措施</th><th>责任部门</th></tr><tr>${'<td>x'.repeat(200_000)}</table>`;
    const model = modelOf(await run(html, { fileName: 'wide.html' }));
    expect(Object.keys(measuresOf(model)[0]?.extra ?? {})).toHaveLength(199_998);
  }, TEST_TIMEOUT_MS);

  it('a run of 2 million "-" in a pipe-row file', async () => {
    // Not a rule line (the x): the old pattern for rule lines backtracked over the dashes from every position.
    const text = `具体措施 | 责任部门\n${'-'.repeat(2_000_000)}x | 指挥部\n`;
    const model = modelOf(await run(text, { fileName: 'dashes.txt' }));
    expect(model.source.dialect).toBe('pipe-rows');
    expect(measuresOf(model).at(-1)?.departments).toEqual(['指挥部']);
  }, TEST_TIMEOUT_MS);

  it('100,000 columns, each an extra key', async () => {
    const width = 100_000;
    const header = ['具体措施', '责任部门', ...Array.from({ length: width }, (_, i) => `列${i}`)];
    const row = ['措施', '指挥部', ...Array.from({ length: width }, (_, i) => `值${i}`)];
    const model = modelOf(await run(`${header.join('\t')}\n${row.join('\t')}\n`, { fileName: 'wide.tsv' }));
    expect(Object.keys(measuresOf(model)[0]?.extra ?? {})).toHaveLength(width);
  }, TEST_TIMEOUT_MS);

  it('a table in a block quote 10,000 deep, and 5,000 nested list items before it', async () => {
    const quote = '>'.repeat(10_000);
    const list = Array.from({ length: 5_000 }, (_, i) => `${'  '.repeat(i % 200)}- 项 ${i}`).join('\n');
    const md = `${list}\n\n${quote} | 具体措施 | 责任部门 |\n${quote} | --- | --- |\n${quote} | 措施 | 指挥部 |\n`;
    const model = modelOf(await run(md, { fileName: 'deep.md' }));
    expect(measuresOf(model).map((m) => m.text)).toEqual(['措施']);
  }, TEST_TIMEOUT_MS);

  it('10,000 paragraphs in block quotes before a table', async () => {
    const md = `${Array.from({ length: 10_000 }, (_, i) => `>>> 第${i}段`).join('\n\n')}\n\n| 具体措施 | 责任部门 |\n| --- | --- |\n| 措施 | 指挥部 |\n`;
    expect(measuresOf(modelOf(await run(md, { fileName: 'paragraphs.md' })))).toHaveLength(1);
  }, TEST_TIMEOUT_MS);

  it('a .docx and an .xlsx whose part inflates past 32 MiB, read whole', async () => {
    // That such a part is streamed, not inflated in one piece, is checked in test/read/docx.test.ts and xlsx.test.ts.
    // 20,000 measures, each row padded with an attribute no reader keeps, so that the part is 40 MiB.
    const pad = `x="${'0'.repeat(2000)}"`;
    const rows = Array.from({ length: 20_000 }, (_, i) => i);
    const body = wtr(...HEADER.map(wp)) + rows.map((i) => `<w:tr ${pad}>${[wp('1、甲'), wp(`措施${i}`), wp('指挥部')].map((c) => `<w:tc>${c}</w:tc>`).join('')}</w:tr>`).join('');
    const word = modelOf(await run(docx(`<w:tbl>${body}</w:tbl>`), { fileName: 'large.docx' }));
    expect(measuresOf(word).map((m) => m.text)).toEqual(rows.map((i) => `措施${i}`));
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const sheet = [`<row r="1">${HEADER.map((h, c) => cell(`${'ABC'[c]}1`, h)).join('')}</row>`, ...rows.map((i) => `<row r="${i + 2}" ${pad}>${cell(`A${i + 2}`, '1、甲')}${cell(`B${i + 2}`, `措施${i}`)}${cell(`C${i + 2}`, '指挥部')}</row>`)];
    const SHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xlsx = zipSync({
      'xl/workbook.xml': strToU8(`<workbook xmlns="${SHEET_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${SHEET_NS}"><sheetData>${sheet.join('')}</sheetData></worksheet>`),
    });
    const excel = modelOf(await run(xlsx, { fileName: 'large.xlsx' }));
    expect(measuresOf(excel).map((m) => m.text)).toEqual(rows.map((i) => `措施${i}`));
  }, TEST_TIMEOUT_MS);
});

describe('no arguments spread from unbounded arrays', () => {
  it('a table of 130,000 rows', async () => {
    const rows = ['具体措施\t责任部门', ...Array.from({ length: 130_000 }, (_, i) => `措施${i}\t指挥部`)];
    expect(measuresOf(modelOf(await run(rows.join('\n'), { fileName: 'rows.tsv' })))).toHaveLength(130_000);
  }, TEST_TIMEOUT_MS);

  it('a .docx paragraph with 150,000 line breaks', async () => {
    const cell = `<w:p><w:r><w:t>措施</w:t>${'<w:br/>'.repeat(150_000)}<w:t>尾</w:t></w:r></w:p>`;
    const model = modelOf(await run(docx(`<w:tbl>${wtr(...HEADER.map(wp))}${wtr(wp('1、甲'), cell, wp('指挥部'))}</w:tbl>`), { fileName: 'breaks.docx' }));
    // The break between two CJK characters is white space, which normalization drops.
    expect(measuresOf(model)[0]?.text).toBe('措施尾');
  }, TEST_TIMEOUT_MS);

  it('300,000 diagnostics in the text and GitHub reports', () => {
    const diagnostics: Diagnostic[] = Array.from({ length: 300_000 }, (_, i) => ({
      severity: 'warning',
      ruleId: 'ragged-row',
      message: `Row ${i} is short.`,
      params: { kind: 'short', row: i, cells: 1, width: 2 },
      place: { table: 1, row: i + 1, column: 1, line: i + 1 },
    }));
    const input = { results: [{ file: 'big.txt', diagnostics, errorCount: 0, warningCount: diagnostics.length, valid: true }], rules: [], tool: { name: 'fenjie' as const, version: '0' }, color: false };
    expect(formatText(input)).toContain('300000 warnings');
    expect(formatGithub(input).split('\n').length).toBeGreaterThan(600_000);
  });
});
