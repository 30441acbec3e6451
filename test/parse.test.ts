import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FenjieError, parse } from '../src/index.js';
import { parseFile } from '../src/node.js';
import { tabLed } from './helpers/raw.js';

const SEED = join(import.meta.dirname, '..', 'seeds', '2016-shanghai-psb-zwgk-task-table.txt');
const SMALL = tabLed('2018年某局任务分解表', [
  ['基本任务', '具体措施', '责任部门'],
  ['1、公开', 'a', '办公室'],
]);

describe('parse', () => {
  it('takes a string or bytes and gives the same model', async () => {
    const fromString = await parse(SMALL);
    const fromBytes = await parse(new TextEncoder().encode(SMALL));
    expect(fromBytes).toEqual(fromString);
    expect(fromString.source).toEqual({ name: null, format: 'text', dialect: 'tab-led-cells', encoding: 'utf-8' });
    expect(fromString.year).toBe(2018);
  });

  it('ignores a BOM at the start of a string', async () => {
    expect(await parse(`\uFEFF${SMALL}`)).toEqual(await parse(SMALL));
  });

  it('puts a table without a section column into one untitled section', async () => {
    const table = await parse(SMALL);
    expect(table.sections).toHaveLength(1);
    expect(table.sections[0]!.title).toBeNull();
    expect(table.sections[0]!.tasks[0]!.measures[0]!.departments).toEqual(['办公室']);
  });

  it('refuses input with no table with a FenjieError naming it', async () => {
    await expect(parse('hello', { fileName: 'hello.txt' })).rejects.toMatchObject({ name: 'FenjieError', code: 'no-table' });
    await expect(parse('hello', { fileName: 'hello.txt' })).rejects.toThrow(/^hello\.txt: no table found/);
  });

  it('checks the model against its schema only when asked (checkModel)', async () => {
    await expect(parse(SMALL, { checkModel: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'invalid-options' });
    const checked = await parse(SMALL, { checkModel: true });
    expect(await parse(SMALL)).toEqual(checked);
  });

  it('refuses unknown options and formats as invalid-options', async () => {
    await expect(parse(SMALL, { format: 'pdf' as 'text' })).rejects.toMatchObject({ code: 'invalid-options' });
    await expect(parse(SMALL, { colour: true } as object)).rejects.toThrow(/colour/);
    await expect(parse(SMALL, { format: 'docx' })).rejects.toMatchObject({ code: 'invalid-options' });
  });

  it.each([
    ['%PDF-1.7\n', 'x.pdf: this is a PDF; fenjie reads Word, Excel, HTML, text and Markdown tables (save the original as .docx or .xlsx)'],
    ['GIF89a', 'x.pdf: this is a GIF image; fenjie reads tables as text, not pictures of them'],
  ])('names formats it does not read', async (head, message) => {
    const bytes = Uint8Array.from(head, (c) => c.charCodeAt(0));
    await expect(parse(bytes, { fileName: 'x.pdf' })).rejects.toMatchObject({ code: 'unsupported-format', message });
  });

  it('refuses binary junk as undecodable', async () => {
    const junk = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 32);
    await expect(parse(junk, { fileName: 'j.bin' })).rejects.toMatchObject({ code: 'undecodable' });
  });

  it('decodes with the encoding it is told, and refuses an unknown one', async () => {
    const traditional = tabLed('2018年臺北市任務分解表', [
      ['基本任務', '具體措施', '責任部門'],
      ['1、公開', '資訊公開', '辦公室'],
    ]);
    const big5 = iconv.encode(traditional, 'big5');
    const model = await parse(big5, { encoding: 'big5' });
    expect([model.source.encoding, model.title]).toEqual(['big5', '2018年臺北市任務分解表']);
    await expect(parse(big5, { encoding: 'klingon' })).rejects.toMatchObject({ code: 'invalid-options' });
  });

  it('returns a FenjieError instance', async () => {
    await expect(parse('x')).rejects.toBeInstanceOf(FenjieError);
  });
});

describe('parseFile', () => {
  it('reads a file and names it in source', async () => {
    const table = await parseFile(SEED);
    expect(table.source.name).toBe(SEED);
    expect(table).toEqual({ ...(await parse(readFileSync(SEED), { fileName: SEED })) });
  });

  it('refuses a missing file with file-not-found', async () => {
    await expect(parseFile('no/such/file.txt')).rejects.toMatchObject({ code: 'file-not-found', message: 'no/such/file.txt: no such file' });
  });
});
