import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, localizeDiagnostics, parse, RULE_IDS, RULES, validate, type RuleId } from '../src/index.js';
import { validate as validateFiles } from '../src/node.js';
import { main } from '../src/cli/main.js';
import { RULE_TEXTS } from '../src/i18n/messages.js';
import { fakeIo } from './helpers/io.js';
import { tabLed } from './helpers/raw.js';

const SMALL = tabLed('2018年某局任务分解表', [
  ['基本任务', '具体措施', '责任部门'],
  ['1、公开', 'a', '办公室'],
]);
const WARN = '# 2020年某局任务分解表\n\n| 基本任务 | 具体措施 | 责任部门 |\n| --- | --- | --- |\n| 1、乙 | a | 办公室 |\n| 3、丙 | b | 财务处 |\n';
const BAD = WARN.replace('| 办公室 |', '|  |');
const DOCX = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'docx-bare-vmerge', 'input.docx'));

describe('parse() input', () => {
  it('takes a Buffer, a Uint8Array, an ArrayBuffer and a view of part of one alike', async () => {
    const expected = await parse(new Uint8Array(DOCX));
    expect(await parse(DOCX)).toEqual(expected);
    const arrayBuffer = DOCX.buffer.slice(DOCX.byteOffset, DOCX.byteOffset + DOCX.byteLength);
    expect(await parse(arrayBuffer)).toEqual(expected);
    const padded = new Uint8Array(DOCX.byteLength + 8);
    padded.set(DOCX, 4);
    expect(await parse(new DataView(padded.buffer, 4, DOCX.byteLength) as unknown as ArrayBuffer)).toEqual(expected);
  });

  it('says clearly that a .docx read as a string must be bytes', async () => {
    const asText = DOCX.toString('latin1');
    await expect(parse(asText, { fileName: 'a.docx' })).rejects.toMatchObject({
      code: 'invalid-options',
      message: expect.stringMatching(/^a\.docx: a \.docx\/\.xlsx file must be given as bytes \(a Uint8Array, Buffer or ArrayBuffer\), not as a string/),
    });
  });

  it('says so for an OLE file (.doc, .xls) read as a string too, as Latin-1 or as UTF-8', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    for (const text of [ole.toString('latin1'), ole.toString('utf8')]) {
      await expect(parse(text, { fileName: 'a.doc' })).rejects.toThrow(/^a\.doc: a \.doc\/\.xls file must be given as bytes/);
    }
  });

  it('refuses what is neither text nor bytes in one line', async () => {
    await expect(parse(42 as unknown as string)).rejects.toMatchObject({ code: 'invalid-options', message: 'input: parse() takes a string, a Uint8Array (or Buffer) or an ArrayBuffer, not number' });
  });
});

describe('messages in two languages', () => {
  it('has an English and a Chinese message and description for every rule id', () => {
    expect(Object.keys(RULE_TEXTS).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULES) expect(RULE_TEXTS[rule.id].zhDescription).toMatch(/[\u4e00-\u9fff]/);
  });

  it('writes diagnostics in the locale asked for, with the same params', async () => {
    const en = await parse(BAD);
    const zh = await parse(BAD, { locale: 'zh' });
    expect(zh.diagnostics.map((d) => d.params)).toEqual(en.diagnostics.map((d) => d.params));
    expect(zh.diagnostics.map((d) => d.message)).toEqual(['第 2 行的措施没有责任单位，上方也没有合并单元格提供。', '任务“3、丙”的序号为 3，应为 2。']);
    expect(zh.diagnostics.every((d) => /[\u4e00-\u9fff]/.test(d.message.replace(/“[^”]*”/g, '')))).toBe(true);
    expect(localizeDiagnostics(zh.diagnostics, 'en')).toEqual(en.diagnostics);
  });

  it('renders every message of every rule from its params, in both languages', () => {
    const samples: Record<RuleId, Record<string, string | number>[]> = {
      'parse-error': [{ code: 'no-table', reason: 'no table found' }],
      'missing-header': [{ kind: 'measures', found: '项目, (blank)' }, { kind: 'departments', found: '' }],
      'no-measures': [{ header: '项目 | 具体措施' }, { header: '' }],
      'text-outside-cells': [{ text: '注' }, { text: '注', kind: 'html' }],
      'missing-title': [{}],
      'ragged-row': [{ kind: 'short', row: 3, cells: 2, width: 4 }, { kind: 'surplus', row: 3, cells: 5, width: 4, column: 2 }],
      'guessed-layout': [
        { kind: 'placed', rows: '3' },
        { kind: 'placed', rows: '3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25', more: 4 },
        { kind: 'rebuilt', dialect: 'separated-cells', rows: '2–9' },
      ],
      'first-lead': [{ text: '列第一位为牵头单位', count: 2 }, { text: '排名第一的为牵头单位', count: 1 }],
      'span-overflow': [{ rows: 5, remaining: 1 }],
      'merged-text-lost': [{ text: '法制办' }, { text: '法制办', kind: 'merged-range' }],
      'missing-departments': [{ row: 4 }, { kind: 'paragraph', row: 4 }],
      'inherit-across-task': [{ row: 4, departments: '办公室、法制办' }],
      'empty-measure': [{ row: 4, task: '乙' }, { row: 4, task: '' }],
      'duplicate-measure': [{ row: 4, first: 2, text: 'a' }],
      'section-numbering': [{ section: '三、丙', number: 3, expected: 2 }],
      'task-numbering': [{ task: '3、丙', number: 3, expected: 2, restarts: 1 }],
      'unknown-department': [{ department: '财务处', row: 4 }],
      'spanning-row': [{ kind: 'body', text: '注' }, { kind: 'title', text: '附件' }],
      'other-table': [
        { table: 2, rows: 3, columns: 2, header: '联系人 | 电话' },
        { table: 2, rows: 3, columns: 2, header: '', kind: 'sheet', sheet: '说明' },
        { table: 3, rows: 3, columns: 2, header: '联系人', kind: 'hidden-sheet', sheet: '旧版' },
      ],
      'unread-text': [
        { kind: 'no-unit', paragraph: 4, text: '二、强化组织保障' },
        { kind: 'loose', paragraph: 5, text: '注' },
        { kind: 'introduction', paragraph: 2, text: '为此' },
        { kind: 'heading', paragraph: 3, text: '办公室' },
      ],
    };
    for (const id of RULE_IDS) {
      for (const params of samples[id]) {
        const en = RULE_TEXTS[id].en(params);
        const zh = RULE_TEXTS[id].zh(params);
        expect(en, id).not.toMatch(/undefined|null|NaN|\[object/);
        expect(zh, id).not.toMatch(/undefined|null|NaN|\[object|\(blank\)/);
        expect(zh, id).toMatch(/[\u4e00-\u9fff]/);
        for (const value of Object.values(params)) if (typeof value === 'number' && id !== 'task-numbering') expect(zh, `${id} ${value}`).toContain(String(value));
      }
    }
  });
});

describe('validate() for programs', () => {
  function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'fenjie-api-'));
    mkdirSync(join(dir, 'tables'));
    writeFileSync(join(dir, 'tables', 'warn.md'), WARN);
    writeFileSync(join(dir, 'tables', 'bad.md'), BAD);
    writeFileSync(join(dir, 'tables', 'old.doc'), 'not a table');
    writeFileSync(join(dir, 'fenjie.config.json'), JSON.stringify({ rules: { 'missing-title': 'off' } }));
    return dir;
  }

  it('gives the same results and reports as the CLI, for every reporter', async () => {
    const dir = workspace();
    const result = await validateFiles(['tables'], { cwd: dir, maxWarnings: 0 });
    expect([result.valid, result.errorCount, result.warningCount, result.tooManyWarnings]).toEqual([false, 2, 2, true]);
    for (const reporter of ['text', 'json', 'github', 'sarif', 'junit'] as const) {
      const io = fakeIo(dir);
      await main(['validate', 'tables', '--max-warnings', '0', '--reporter', reporter], io);
      expect(formatReport(result, reporter), reporter).toBe(io.out());
    }
  });

  it('checks tables already parsed and named contents, with the options given', async () => {
    const table = await parse(WARN, { fileName: 'warn.md' });
    const result = await validate([table, { name: 'bad.md', input: BAD }, { name: 'x.pdf', input: new TextEncoder().encode('%PDF-1.4') }], {
      rules: { 'task-numbering': 'error', 'missing-title': 'off' },
      locale: 'zh',
      quiet: true,
    });
    expect(result.results.map((r) => [r.file, r.errorCount, r.warningCount, r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['warn.md', 1, 0, ['task-numbering']],
      ['bad.md', 2, 0, ['missing-departments', 'task-numbering']],
      ['x.pdf', 1, 0, ['parse-error']],
    ]);
    expect(result.results[0]?.diagnostics[0]?.message).toBe('任务“3、丙”的序号为 3，应为 2。');
    expect(formatReport(result, 'text')).toContain('✖ 4 个问题（4 个错误，0 个警告，0 个提示），涉及 3 个文件');
  });

  it('turns an unusable config file into a FenjieError', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), '{');
    await expect(validateFiles(['tables'], { cwd: dir, config: 'broken.json' })).rejects.toMatchObject({ code: 'invalid-options' });
  });
});
