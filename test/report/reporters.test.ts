import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Place } from '../../src/model/schema.js';
import { REPORTERS, locate } from '../../src/report/index.js';
import type { ReportInput, RuleMeta } from '../../src/report/index.js';
import { escapeGithubData, escapeGithubProperty } from '../../src/report/github.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/report/junit.js';
import { toSarifUri } from '../../src/report/sarif.js';
import type { FileResult } from '../../src/validate/types.js';

/** A place in table 1 unless told; line null for formats without lines. */
const at = (row: number, column: number, line: number | null, table = 1): Place => ({ table, row, column, line });
const error = (ruleId: string, message: string, place: Place | null): Diagnostic => ({ severity: 'error', ruleId, message, params: {}, place });
const warning = (ruleId: string, message: string, place: Place | null): Diagnostic => ({ severity: 'warning', ruleId, message, params: {}, place });
const info = (ruleId: string, message: string, place: Place | null): Diagnostic => ({ severity: 'info', ruleId, message, params: {}, place });

/** A file's result with its counts worked out from the diagnostics. */
function fileResult(file: string, ...diagnostics: Diagnostic[]): FileResult {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.filter((d) => d.severity === 'warning').length;
  return { file, diagnostics, errorCount, warningCount, valid: errorCount === 0 };
}

const rule = (id: string, defaultSeverity: RuleMeta['defaultSeverity'], description: string): RuleMeta => ({
  id,
  description,
  defaultSeverity,
  helpUri: `https://github.com/fenjie/fenjie/blob/main/docs/rules/${id}.md`,
});

const RULES: readonly RuleMeta[] = [
  rule('parse-error', 'error', 'The file could not be read as a task table.'),
  rule('missing-title', 'warning', 'The table has no title.'),
  rule('ragged-row', 'warning', 'A row has fewer cells than the header.'),
  rule('missing-departments', 'error', 'A measure has no department after merged cells are resolved.'),
  rule('task-numbering', 'error', 'Task numbers have a gap, a duplicate or are out of order.'),
  rule('duplicate-measure', 'info', 'A task lists the same measure twice.'),
];

const TRICKY = 'Cell "责任部门" reads 指挥部,法制办: 100% <&> \'done\'\nsecond line';

const RESULTS: FileResult[] = [
  fileResult(
    'tables/2016年/上海 公安局.txt',
    warning('ragged-row', 'Row 58 has 3 cells, expected 4.', at(58, 4, 212)),
    error('missing-departments', TRICKY, at(7, 4, 31)),
    error('task-numbering', 'Task 3 follows task 1; expected task 2.', at(12, 2, 45)),
    error('missing-departments', 'The measure "加强专门机构建设" has no department.', at(9, 4, 40)),
    info('duplicate-measure', 'Measure "有针对性地主动公开" appears twice in task 1.', at(8, 3, 35)),
    warning('missing-title', 'The table has no title.', null),
  ),
  fileResult('tables/clean.html'),
  fileResult(
    'tables\\b.docx',
    error('task-numbering', 'Task 10 follows task 8; expected task 9.', at(14, 2, null, 2)),
    warning('ragged-row', 'Row 3 has 2 cells, expected 3.', at(3, 3, null)),
  ),
  fileResult('tables/broken.docx', error('parse-error', 'The file is not a valid .docx: no word/document.xml.', null)),
];

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  results: RESULTS,
  rules: RULES,
  tool: { name: 'fenjie', version: '0.1.0' },
  color: false,
  ...overrides,
});

const ESC = '\u001b[';

describe('snapshots', () => {
  it.each([
    ['text', 'txt'],
    ['json', 'json'],
    ['github', 'txt'],
    ['sarif', 'sarif.json'],
    ['junit', 'xml'],
  ] as const)('%s', async (name, ext) => {
    const output = REPORTERS[name](input());
    expect(output.endsWith('\n')).toBe(true);
    await expect(output).toMatchFileSnapshot(`__snapshots__/${name}.${ext}`);
  });
});

describe('locate', () => {
  it('names a line, a cell or just the file', () => {
    expect(locate('a.txt', at(3, 2, 17))).toBe('a.txt:17:2');
    expect(locate('a.docx', at(3, 2, null))).toBe('a.docx:row 3, column 2');
    expect(locate('a.docx', at(3, 2, null, 2))).toBe('a.docx:table 2, row 3, column 2');
    expect(locate('a.docx', null)).toBe('a.docx');
  });
});

describe('text', () => {
  it('colours severities and the summary only when asked', () => {
    const plain = REPORTERS.text(input());
    const coloured = REPORTERS.text(input({ color: true }));
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(coloured).toContain(`${ESC}34minfo${ESC}39m`);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('aligns the columns within a file, counting CJK characters as two', () => {
    const lines = REPORTERS.text(input()).split('\n');
    const group = lines.slice(1, lines.indexOf(''));
    expect(group).toHaveLength(6);
    const ruleIds = group.map((line) => line.split(/ +/).at(-1));
    expect(ruleIds).toEqual(['missing-title', 'missing-departments', 'duplicate-measure', 'missing-departments', 'task-numbering', 'ragged-row']);
    // East Asian characters take two terminal columns: measure the width before each rule id.
    const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u3000-\u9fff]/.test(char) ? 2 : 1), 0);
    const starts = group.map((line) => width(line.slice(0, line.lastIndexOf(' ') + 1)));
    expect(new Set(starts).size).toBe(1);
    expect(group.every((line) => line === line.trimEnd())).toBe(true);
  });

  it('keeps a message with a line break on one line', () => {
    const output = REPORTERS.text(input());
    expect(output).toContain('100% <&> \'done\' second line');
  });

  it('lists only files with problems and says so in the summary', () => {
    const output = REPORTERS.text(input());
    expect(output).not.toContain('clean.html');
    expect(output.trimEnd().split('\n').at(-1)).toBe('✖ 9 problems (5 errors, 3 warnings, 1 info) in 3 files');
  });

  it('gets singular and plural right', () => {
    const one = REPORTERS.text(input({ results: [fileResult('a.txt', error('parse-error', 'Bad.', null))] }));
    expect(one).toBe('a.txt\n  a.txt  error  Bad.  parse-error\n\n✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 file\n');
    expect(REPORTERS.text(input({ results: [fileResult('a.txt')] }))).toBe('✔ 1 file checked, no problems\n');
    const clean = [fileResult('a.txt'), fileResult('b.txt')];
    expect(REPORTERS.text(input({ results: clean }))).toBe('✔ 2 files checked, no problems\n');
    expect(REPORTERS.text(input({ results: clean, color: true }))).toBe(`${ESC}32m✔ 2 files checked, no problems${ESC}39m\n`);
  });
});

describe('json', () => {
  it('has exactly the documented keys and totals', () => {
    const report = JSON.parse(REPORTERS.json(input()));
    expect(Object.keys(report)).toEqual(['valid', 'errorCount', 'warningCount', 'maxWarnings', 'files']);
    expect(report).toMatchObject({ valid: false, errorCount: 5, warningCount: 3 });
    expect(Object.keys(report.files[0])).toEqual(['file', 'valid', 'errorCount', 'warningCount', 'diagnostics']);
    expect(report.files[1]).toEqual({ file: 'tables/clean.html', valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    expect(report.files[0].diagnostics[1]).toEqual(error('missing-departments', TRICKY, at(7, 4, 31)));
  });

  it('drops keys a diagnostic carries beyond the model', () => {
    const extra = { ...error('parse-error', 'Bad.', null), stack: 'x' } as Diagnostic;
    const report = JSON.parse(REPORTERS.json(input({ results: [fileResult('a.txt', extra)] })));
    expect(Object.keys(report.files[0].diagnostics[0])).toEqual(['severity', 'ruleId', 'message', 'params', 'place']);
  });

  it('is valid with no files', () => {
    expect(JSON.parse(REPORTERS.json(input({ results: [] })))).toEqual({ valid: true, errorCount: 0, warningCount: 0, maxWarnings: null, files: [] });
  });
});

describe('github', () => {
  it('escapes data and property values as the runner expects', () => {
    expect(escapeGithubData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeGithubProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
  });

  it('writes one command per diagnostic, line and col only where there is a line', () => {
    const output = REPORTERS.github(input());
    const commands = output.split('\n').filter((line) => line.startsWith('::'));
    expect(commands).toHaveLength(9);
    expect(commands.filter((line) => line.startsWith('::error '))).toHaveLength(5);
    expect(commands.filter((line) => line.startsWith('::warning '))).toHaveLength(3);
    expect(commands.filter((line) => line.startsWith('::notice '))).toHaveLength(1);
    expect(commands).toContain(
      '::error file=tables/2016年/上海 公安局.txt,line=31,col=4,title=missing-departments::' +
        'Cell "责任部门" reads 指挥部,法制办: 100%25 <&> \'done\'%0Asecond line',
    );
    expect(commands).toContain('::error file=tables/broken.docx,title=parse-error::The file is not a valid .docx: no word/document.xml.');
    expect(commands).toContain('::warning file=tables\\b.docx,title=ragged-row::Row 3 has 2 cells, expected 3. (row 3, column 3)');
  });

  it('escapes : and , in the file name', () => {
    const output = REPORTERS.github(input({ results: [fileResult('a:b,c.txt', info('duplicate-measure', 'x', at(2, 3, 4)))] }));
    expect(output.split('\n')[0]).toBe('::notice file=a%3Ab%2Cc.txt,line=4,col=3,title=duplicate-measure::x');
  });

  it('ends with the text report without colour', () => {
    const output = REPORTERS.github(input({ color: true }));
    expect(output).not.toContain(ESC);
    expect(output.endsWith(REPORTERS.text(input()))).toBe(true);
  });
});

describe('sarif', () => {
  const log = JSON.parse(REPORTERS.sarif(input()));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with every rule', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'fenjie', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/fenjie' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run.tool.driver.rules[5]).toEqual({
      id: 'duplicate-measure',
      shortDescription: { text: 'A task lists the same measure twice.' },
      helpUri: 'https://github.com/fenjie/fenjie/blob/main/docs/rules/duplicate-measure.md',
      defaultConfiguration: { level: 'note' },
    });
  });

  it('has one result per diagnostic, with the right levels and rule indexes', () => {
    expect(run.results).toHaveLength(9);
    const levels = run.results.map((r: { level: string }) => r.level);
    expect(levels.filter((level: string) => level === 'error')).toHaveLength(5);
    expect(levels.filter((level: string) => level === 'warning')).toHaveLength(3);
    expect(levels.filter((level: string) => level === 'note')).toHaveLength(1);
    for (const result of run.results) expect(RULES[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('has a region only where the line is known, and the cell in properties', () => {
    const withRegion = run.results.filter((r: { locations: [{ physicalLocation: { region?: unknown } }] }) => r.locations[0].physicalLocation.region);
    expect(withRegion).toHaveLength(5);
    const docx = run.results.find((r: { message: { text: string } }) => r.message.text.startsWith('Task 10'));
    expect(docx.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'tables/b.docx' } });
    expect(docx.properties).toEqual({ table: 2, row: 14, column: 2 });
    const broken = run.results.find((r: { ruleId: string }) => r.ruleId === 'parse-error');
    expect(broken.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'tables/broken.docx' } });
    expect(broken.properties).toBeUndefined();
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 31 });
  });

  it('omits ruleIndex for a rule it does not know', () => {
    const unknown = JSON.parse(REPORTERS.sarif(input({ results: [fileResult('a.txt', error('mystery', 'x', null))] })));
    expect(unknown.runs[0].results[0].ruleIndex).toBeUndefined();
  });

  it('writes file paths as relative URI references', () => {
    expect(toSarifUri('tables\\b.docx')).toBe('tables/b.docx');
    expect(toSarifUri('tables/2016年/上海 公安局.txt')).toBe('tables/2016%E5%B9%B4/%E4%B8%8A%E6%B5%B7%20%E5%85%AC%E5%AE%89%E5%B1%80.txt');
    expect(toSarifUri('a#1?.txt')).toBe('a%231%3F.txt');
    expect(toSarifUri('/home/u/a.txt')).toBe('file:///home/u/a.txt');
    expect(toSarifUri('C:\\tables\\a.txt')).toBe('file:///C:/tables/a.txt');
    expect(decodeURIComponent(toSarifUri('tables/2016年/上海 公安局.txt'))).toBe('tables/2016年/上海 公安局.txt');
  });
});

/** Problems that make XML ill-formed: unbalanced tags, stray markup characters, bare ampersands. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const tag = /<\?xml [^?]*\?>|<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of xml.matchAll(tag)) {
    const between = xml.slice(last, match.index);
    if (/[<>]/.test(between)) problems.push(`stray markup: ${between}`);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (name === undefined) continue;
    if (closing) {
      if (open.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!selfClosing) open.push(name);
  }
  if (/[<>]/.test(xml.slice(last))) problems.push('stray markup at the end');
  if (open.length > 0) problems.push(`not closed: ${open.join(', ')}`);
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xml)) problems.push('a bare &');
  return problems;
}

/** The elements of an XML document, attributes and text decoded, read with htmlparser2 in XML mode. */
function parseXml(xml: string) {
  const elements: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const open: Array<(typeof elements)[number]> = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = { name, attributes, text: '' };
        elements.push(element);
        open.push(element);
      },
      ontext(text) {
        const top = open.at(-1);
        if (top) top.text += text;
      },
      onclosetag() {
        open.pop();
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return { elements, problems: xmlProblems(xml) };
}

describe('junit', () => {
  const xml = REPORTERS.junit(input());
  const { elements, problems } = parseXml(xml);
  const named = (name: string) => elements.filter((element) => element.name === name);

  it('is well-formed', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(problems).toEqual([]);
    expect(named('testsuites')).toHaveLength(1);
    // The check itself catches what it is there for.
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).toEqual(['a bare &']);
    expect(xmlProblems('<a b="<"/>')).not.toEqual([]);
  });

  it('has a suite per file and a case per rule', () => {
    expect(named('testsuite').map((suite) => suite.attributes.name)).toEqual(RESULTS.map((result) => result.file));
    expect(named('testcase')).toHaveLength(RESULTS.length * RULES.length);
    expect(named('testsuites')[0]?.attributes).toEqual({ name: 'fenjie', tests: '24', failures: '4' });
  });

  it('counts failing cases and writes a failure per error', () => {
    const suites = named('testsuite').map((suite) => suite.attributes);
    expect(suites.map((suite) => suite.failures)).toEqual(['2', '0', '1', '1']);
    expect(named('failure')).toHaveLength(5);
    expect(named('failure').map((failure) => failure.attributes.type)).toEqual([
      'missing-departments',
      'missing-departments',
      'task-numbering',
      'task-numbering',
      'parse-error',
    ]);
  });

  it('reads messages back unchanged', () => {
    const tricky = named('failure').find((failure) => failure.attributes.message?.startsWith('Cell'));
    expect(tricky?.attributes.message).toBe(TRICKY);
    expect(tricky?.text).toBe(`tables/2016年/上海 公安局.txt:31:4: ${TRICKY}`);
  });

  it('puts warnings and infos in system-out', () => {
    const outputs = named('system-out').map((element) => element.text);
    expect(outputs).toEqual([
      'tables/2016年/上海 公安局.txt: warning: The table has no title.',
      'tables/2016年/上海 公安局.txt:212:4: warning: Row 58 has 3 cells, expected 4.',
      'tables/2016年/上海 公安局.txt:35:3: info: Measure "有针对性地主动公开" appears twice in task 1.',
      'tables\\b.docx:row 3, column 3: warning: Row 3 has 2 cells, expected 3.',
    ]);
  });

  it('adds a case for a rule missing from the list', () => {
    const { elements: extra } = parseXml(REPORTERS.junit(input({ results: [fileResult('a.txt', error('mystery', 'x', null))] })));
    const cases = extra.filter((element) => element.name === 'testcase');
    expect(cases).toHaveLength(RULES.length + 1);
    expect(cases.at(-1)?.attributes.name).toBe('mystery');
  });

  it('escapes markup and strips characters XML 1.0 forbids', () => {
    expect(escapeXmlText('a<b>&"c\'\u0000\u0008\uFFFF\uD800d\r\n\t😀')).toBe('a&lt;b&gt;&amp;&quot;c&apos;d&#13;\n\t😀');
    expect(escapeXmlAttribute('x\ny\tz')).toBe('x&#10;y&#9;z');
  });
});
