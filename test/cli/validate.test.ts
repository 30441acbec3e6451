import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';

const GOOD = '# 2020年某局任务分解表\n\n| 基本任务 | 具体措施 | 责任部门 |\n| --- | --- | --- |\n| 1、乙 | a | 办公室 |\n| 2、丙 | b | 财务处 |\n';
const WARN = GOOD.replace('2、丙', '3、丙');
const BAD = GOOD.replace('| 办公室 |', '|  |');

/** A folder of tables: tables/good.md, tables/warn.md, tables/sub/bad.md, tables/notes.pdf, plus files given. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-validate-'));
  mkdirSync(join(dir, 'tables', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'tables', 'good.md'), GOOD);
  writeFileSync(join(dir, 'tables', 'warn.md'), WARN);
  writeFileSync(join(dir, 'tables', 'sub', 'bad.md'), BAD);
  writeFileSync(join(dir, 'tables', 'notes.pdf'), '%PDF-1.4');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = fakeIo(dir);
  const code = await main(['validate', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('fenjie validate', () => {
  it('exits 0 for a sound table and says so', async () => {
    expect(await run(workspace(), 'tables/good.md')).toEqual({ code: 0, out: '✔ 1 file checked, no problems\n', err: '' });
  });

  it('exits 0 with warnings, 1 past --max-warnings', async () => {
    const dir = workspace();
    expect((await run(dir, 'tables/warn.md')).code).toBe(0);
    expect((await run(dir, 'tables/warn.md', '--max-warnings', '1')).code).toBe(0);
    expect((await run(dir, 'tables/warn.md', '--max-warnings', '0')).code).toBe(1);
  });

  it('exits 1 when a file has an error, and names file, line and rule', async () => {
    const { code, out } = await run(workspace(), 'tables/sub/bad.md');
    expect(code).toBe(1);
    expect(out).toContain('tables/sub/bad.md:5:3');
    expect(out).toContain('missing-departments');
  });

  it('walks a directory for table files only, and takes globs', async () => {
    const dir = workspace();
    const json = (out: string) => JSON.parse(out).files.map((f: { file: string; valid: boolean }) => [f.file, f.valid]);
    expect(json((await run(dir, 'tables', '--reporter', 'json')).out)).toEqual([
      ['tables/good.md', true],
      ['tables/notes.pdf', false],
      ['tables/sub/bad.md', false],
      ['tables/warn.md', true],
    ]);
    expect(json((await run(dir, 'tables/**/*.md', '--reporter', 'json')).out)).toEqual([
      ['tables/good.md', true],
      ['tables/sub/bad.md', false],
      ['tables/warn.md', true],
    ]);
  });

  it('lists every table-like file of a folder or glob, and fails the ones it cannot read', async () => {
    const others = ['a.doc', 'b.xls', 'c.XLSX', 'd.et', 'e.wps', 'f.csv', 'g.odt', 'h.ods', 'i.rtf', 'j.ofd', 'k.HTM'];
    const dir = workspace();
    mkdirSync(join(dir, 'in'));
    for (const name of [...others, 'notes.json', 'picture.png']) writeFileSync(join(dir, 'in', name), 'PK\u0003\u0004 not really');
    const listed = async (...argv: string[]) => JSON.parse((await run(dir, ...argv, '--reporter', 'json')).out).files;
    const files = await listed('in');
    expect(files.map((f: { file: string }) => f.file)).toEqual(others.map((name) => `in/${name}`).sort());
    expect(files.every((f: { valid: boolean; diagnostics: { ruleId: string }[] }) => !f.valid && f.diagnostics[0]?.ruleId === 'parse-error')).toBe(true);
    expect((await listed('in/*')).length).toBe(others.length);
    expect((await run(dir, 'in')).code).toBe(1);
  });

  it('matches the extension of a quoted glob in any case', async () => {
    const dir = workspace({ 'UPPER.MD': GOOD });
    const files = async (pattern: string) => JSON.parse((await run(dir, pattern, '--reporter', 'json')).out).files.map((f: { file: string }) => f.file);
    expect(await files('*.md')).toEqual(['UPPER.MD']);
    expect(await files('tables/*.MD')).toEqual(['tables/good.md', 'tables/warn.md']);
    expect(await files('tables/**/*.{MD,txt}')).toEqual(['tables/good.md', 'tables/sub/bad.md', 'tables/warn.md']);
  });

  it('counts warnings hidden by --quiet against --max-warnings, and says why it failed', async () => {
    const dir = workspace();
    const quiet = await run(dir, 'tables/warn.md', '--quiet', '--max-warnings', '0');
    expect(quiet.code).toBe(1);
    expect(quiet.out).toBe('✔ 1 file checked, no problems\n1 warning not shown (--quiet)\n✖ too many warnings: 1, maximum 0\n');
    const json = await run(dir, 'tables/warn.md', '--quiet', '--max-warnings', '0', '--reporter', 'json');
    expect([json.code, JSON.parse(json.out).valid, JSON.parse(json.out).warningCount]).toEqual([1, false, 1]);
    expect(json.err).toBe('fenjie: too many warnings: 1, maximum 0\n');
    const within = await run(dir, 'tables/warn.md', '--max-warnings', '1', '--reporter', 'json');
    expect([within.code, JSON.parse(within.out).valid]).toEqual([0, true]);
  });

  it('reports a file that cannot be read as parse-error and goes on', async () => {
    const dir = workspace();
    const { code, out } = await run(dir, 'tables/notes.pdf', 'tables/good.md', 'missing.md', '--reporter', 'json');
    expect(code).toBe(1);
    const files = JSON.parse(out).files;
    expect(files.map((f: { file: string; diagnostics: { ruleId: string; message: string }[] }) => [f.file, f.diagnostics.map((d) => d.message)])).toEqual([
      ['tables/notes.pdf', ['The file could not be read: this is a PDF; fenjie reads Word, Excel, HTML, text and Markdown tables (save the original as .docx or .xlsx).']],
      ['tables/good.md', []],
      ['missing.md', ['The file could not be read: no such file.']],
    ]);
  });

  it('reports errors only with --quiet', async () => {
    const { out } = await run(workspace(), 'tables', '--quiet', '--reporter', 'json');
    const report = JSON.parse(out);
    expect(report.files.flatMap((f: { diagnostics: { severity: string }[] }) => f.diagnostics.map((d) => d.severity))).toEqual(['error', 'error']);
    expect(report.warningCount).toBe(1);
  });

  it.each(['github', 'sarif', 'junit', 'text', 'json'])('writes the %s report', async (reporter) => {
    const { code, out } = await run(workspace(), 'tables', '--reporter', reporter);
    expect(code).toBe(1);
    expect(out).toContain('missing-departments');
  });

  it('finds fenjie.config.json upward from each file and applies it', async () => {
    const dir = workspace({ 'fenjie.config.json': JSON.stringify({ rules: { 'missing-departments': 'off', 'task-numbering': 'error' } }) });
    const { code, out } = await run(dir, 'tables', '--reporter', 'json');
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report.files.map((f: { errorCount: number }) => f.errorCount)).toEqual([0, 1, 0, 1]);
    expect(report.files[3].diagnostics[0].ruleId).toBe('task-numbering');
  });

  it('checks departments against the config, with aliases', async () => {
    const config = { departments: ['办公室', '计划财务处'], aliases: { 财务处: '计划财务处' } };
    const dir = workspace({ 'strict.json': JSON.stringify(config) });
    const { code, out } = await run(dir, 'tables/good.md', '--config', 'strict.json', '--reporter', 'json');
    expect([code, JSON.parse(out).errorCount]).toEqual([0, 0]);
    const convert = fakeIo(dir);
    await main(['convert', 'tables/good.md', '--config', 'strict.json'], convert);
    expect(JSON.parse(convert.out()).departments).toEqual(['办公室', '计划财务处']);
  });

  it.each([
    [{ rules: { 'no-such-rule': 'off' } }, "config fenjie.config.json: 'rules.no-such-rule': unknown rule 'no-such-rule'"],
    [{ rules: { 'ragged-row': 'loud' } }, `config fenjie.config.json: 'rules.ragged-row': expected "off", "info", "warning" or "error"`],
    [{ colour: true }, "config fenjie.config.json: 'colour': unknown key"],
    [{ columns: { 牵头: 'boss' } }, `config fenjie.config.json: 'columns.牵头': expected "section", "task", "measure", "serial", "departments", "lead", "support", "deadline", "leader", "notes" or "other"`],
  ])('exits 2 for a bad config %j', async (config, message) => {
    const dir = workspace({ 'fenjie.config.json': JSON.stringify(config) });
    const { code, err } = await run(dir, '--config', 'fenjie.config.json', 'tables/good.md');
    expect(code).toBe(2);
    expect(err).toContain(`fenjie: ${message}`);
  });

  it('exits 2 for a config that is not JSON, found upward', async () => {
    const dir = workspace({ 'fenjie.config.json': '{ rules: ' });
    const { code, err } = await run(dir, 'tables/good.md');
    expect(code).toBe(2);
    expect(err).toMatch(/^fenjie: config .*fenjie\.config\.json: not valid JSON/);
  });

  it.each([
    [['--reporter', 'xml', 'a.md'], "--reporter must be text, json, github, sarif or junit, not 'xml'"],
    [['--max-warnings', 'many', 'a.md'], "--max-warnings must be a whole number, not 'many'"],
    [[], 'validate needs at least one file, directory or glob'],
    [['nothing/**/*.docx'], 'no files matched nothing/**/*.docx'],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const { code, err } = await run(workspace(), ...argv);
    expect(code).toBe(2);
    expect(err).toContain(`fenjie: ${message}`);
  });

  it('shows progress on a terminal only', async () => {
    const dir = workspace();
    const tty = fakeIo(dir);
    tty.stderr.isTTY = true;
    await main(['validate', 'tables'], tty);
    expect(tty.err()).toContain('[3/4] tables/sub/bad.md');
    const pipe = fakeIo(dir);
    await main(['validate', 'tables'], pipe);
    expect(pipe.err()).toBe('');
  });
});
