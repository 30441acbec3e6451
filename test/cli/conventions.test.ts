import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { editDistance } from '../../src/cli/args.js';
import { wantsColor } from '../../src/cli/color.js';
import { caseInsensitiveExtension } from '../../src/cli/files.js';
import { localeFromEnv } from '../../src/i18n/locale.js';
import { fakeIo } from '../helpers/io.js';
import { tabLed } from '../helpers/raw.js';
import { parse } from '../../src/index.js';

const SMALL = tabLed('2019年甲表', [['基本任务', '具体措施', '责任部门'], ['1、甲', 'a', '办公室']]);
const WARN = '# 2020年某局任务分解表\n\n| 基本任务 | 具体措施 | 责任部门 |\n| --- | --- | --- |\n| 1、乙 | a | 办公室 |\n| 3、丙 | b | 财务处 |\n';
const BAD = WARN.replace('| 办公室 |', '|  |');

function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-conventions-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('help', () => {
  it.each([
    [['help', 'convert'], /^Usage: fenjie convert/],
    [['help', 'validate'], /^Usage: fenjie validate/],
    [['help', 'schema'], /^Usage: fenjie schema/],
    [['help'], /^fenjie \d/],
    [['--lang', 'zh', 'help', 'convert'], /^用法：fenjie convert/],
    [['convert', '--help', '--lang', 'zh'], /^用法：fenjie convert/],
  ])('%j', async (argv, shown) => {
    const io = fakeIo();
    expect(await main(argv, io)).toBe(0);
    expect(io.out()).toMatch(shown);
  });

  it('refuses help on an unknown command', async () => {
    const io = fakeIo();
    expect(await main(['help', 'frob'], io)).toBe(2);
    expect(io.err()).toContain("no help for 'frob'");
  });
});

describe('unknown options', () => {
  it('is one line with the nearest option, then a pointer to the help', async () => {
    const io = fakeIo();
    expect(await main(['convert', 'a.txt', '--frmat', 'html'], io)).toBe(2);
    expect(io.err()).toBe("fenjie: unknown option --frmat; did you mean --format?\nRun 'fenjie --help' for usage.\n");
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('--fromat', '--format')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('takes --name=value, -o value, -ovalue and -- before file names', async () => {
    const dir = workspace({ 'a.txt': SMALL, '--odd.txt': SMALL });
    expect(await main(['convert', '--format=text', 'a.txt', '-oout1'], fakeIo(dir))).toBe(0);
    expect(readdirSync(join(dir, 'out1'))).toEqual(['a.json']);
    expect(await main(['convert', '-o', 'out2', '--', '--odd.txt'], fakeIo(dir))).toBe(0);
    expect(readdirSync(join(dir, 'out2'))).toEqual(['--odd.json']);
  });
});

describe('--lang and the environment', () => {
  it('reads the locale from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8' })).toBe('zh');
    expect(localeFromEnv({ LANG: 'zhx' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });

  it('writes every diagnostic and the summary in Chinese', async () => {
    const dir = workspace({ 'bad.md': BAD });
    const io = fakeIo(dir, { env: { LANG: 'zh_CN.UTF-8' } });
    expect(await main(['validate', 'bad.md'], io)).toBe(1);
    expect(io.out()).toContain('bad.md:5:3  错误  第 2 行的措施没有责任单位，上方也没有合并单元格提供。');
    expect(io.out()).toContain('警告  任务“3、丙”的序号为 3，应为 2。');
    expect(io.out()).toContain('✖ 2 个问题（1 个错误，1 个警告，0 个提示），涉及 1 个文件');
    const en = fakeIo(dir, { env: { LANG: 'zh_CN.UTF-8' } });
    await main(['validate', 'bad.md', '--lang', 'en'], en);
    expect(en.out()).toContain('✖ 2 problems (1 error, 1 warning, 0 infos) in 1 file');
  });

  it('says usage errors, too many warnings and unreadable files in Chinese', async () => {
    const dir = workspace({ 'warn.md': WARN, 'bad.txt': 'no table here' });
    const usage = fakeIo(dir);
    expect(await main(['validate', '--lang', 'zh', '--reporter', 'xml', 'warn.md'], usage)).toBe(2);
    expect(usage.err()).toBe("fenjie: --reporter 应为 text、json、github、sarif 或 junit，而不是 'xml'\n运行 'fenjie --help' 查看用法。\n");
    const many = fakeIo(dir);
    expect(await main(['validate', '--lang', 'zh', '--max-warnings', '0', 'warn.md'], many)).toBe(1);
    expect(many.out()).toContain('✖ 警告过多：1 个，上限 0 个');
    const convert = fakeIo(dir);
    expect(await main(['convert', '--lang', 'zh', 'bad.txt'], convert)).toBe(1);
    expect(convert.err()).toMatch(/^fenjie: bad\.txt: 未找到表格（no table found/);
    const json = fakeIo(dir);
    await main(['validate', '--lang', 'zh', 'bad.txt', '--reporter', 'json'], json);
    expect(JSON.parse(json.out()).files[0].diagnostics[0].message).toMatch(/^无法读取该文件（未找到表格）：no table found/);
  });

  it('gives rule descriptions in the language of the report', async () => {
    const dir = workspace({ 'warn.md': WARN });
    const io = fakeIo(dir);
    await main(['validate', '--lang', 'zh', '--reporter', 'sarif', 'warn.md'], io);
    const rules = JSON.parse(io.out()).runs[0].tool.driver.rules;
    expect(rules.find((r: { id: string }) => r.id === 'task-numbering').shortDescription.text).toBe('任务序号跳号、重号或倒序（全表连续编号，或各部分分别编号）。');
  });
});

describe('colour', () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true };

  it('follows NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(wantsColor(tty, {})).toBe(true);
    expect(wantsColor(pipe, {})).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('colours the text report only when asked', async () => {
    const dir = workspace({ 'warn.md': WARN });
    const forced = fakeIo(dir, { env: { FORCE_COLOR: '1' } });
    await main(['validate', 'warn.md'], forced);
    expect(forced.out()).toContain('\u001b[33mwarning\u001b[39m');
    const noColor = fakeIo(dir, { env: { NO_COLOR: '1' } });
    noColor.stdout.isTTY = true;
    await main(['validate', 'warn.md'], noColor);
    expect(noColor.out()).not.toContain('\u001b[');
  });
});

describe('standard input', () => {
  it('reads - as a file, in chunks, bytes or text', async () => {
    const docx = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'docx-bare-vmerge', 'input.docx'));
    const io = fakeIo(undefined, { stdin: [docx.subarray(0, 100), docx.subarray(100)] });
    expect(await main(['convert', '-', '--format', 'docx'], io)).toBe(0);
    const table = JSON.parse(io.out());
    expect(table).toEqual(JSON.parse(JSON.stringify(await parse(docx, { fileName: '<stdin>' }))));
    expect(table.source.format).toBe('docx');
    const text = fakeIo(undefined, { stdin: [SMALL] });
    expect(await main(['validate', '-', '--reporter', 'json'], text)).toBe(0);
    expect(JSON.parse(text.out()).files[0].file).toBe('<stdin>');
  });

  it('stops reading past maxInputBytes', async () => {
    const dir = workspace({ 'fenjie.config.json': JSON.stringify({ maxInputBytes: 10 }) });
    const io = fakeIo(dir, { stdin: ['0123456789', 'ab'] });
    expect(await main(['convert', '-'], io)).toBe(1);
    expect(io.err()).toMatch(/^fenjie: <stdin>: the input is more than 10 bytes, more than the limit of 10 bytes \(option maxInputBytes\)\n$/);
  });
});

describe('-o', () => {
  it('writes one input to the file named', async () => {
    const dir = workspace({ 'a.txt': SMALL });
    expect(await main(['convert', 'a.txt', '-o', 'out/result.json'], fakeIo(dir))).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8')).title).toBe('2019年甲表');
  });

  it('refuses a file name for several inputs', async () => {
    const dir = workspace({ 'a.txt': SMALL, 'b.txt': SMALL });
    const io = fakeIo(dir);
    expect(await main(['convert', 'a.txt', 'b.txt', '-o', 'result.json'], io)).toBe(2);
    expect(io.err()).toContain('2 inputs cannot share one .json file; give -o a folder');
  });

  it('keeps the folder tree of a folder or glob under the output folder', async () => {
    const dir = workspace({ 'in/2019/a.txt': SMALL, 'in/2020/a.txt': SMALL, 'in/2020/deep/b.TXT': SMALL });
    expect(await main(['convert', 'in', '-o', 'out/'], fakeIo(dir))).toBe(0);
    expect(readdirSync(join(dir, 'out'), { recursive: true }).sort()).toEqual(['2019', '2019/a.json', '2020', '2020/a.json', '2020/deep', '2020/deep/b.json']);
    expect(await main(['convert', 'in/2020/**/*.txt', '-o', 'globbed'], fakeIo(dir))).toBe(0);
    expect(readdirSync(join(dir, 'globbed'), { recursive: true }).sort()).toEqual(['a.json', 'deep', 'deep/b.json']);
  });
});

describe('globs', () => {
  it('match the extension in any case, the folders as written', () => {
    expect(caseInsensitiveExtension('tables/**/*.docx')).toBe('tables/**/*.[dD][oO][cC][xX]');
    expect(caseInsensitiveExtension('*.{md,txt}')).toBe('*.{[mM][dD],[tT][xX][tT]}');
    expect(caseInsensitiveExtension('Tables/*')).toBe('Tables/*');
  });
});
