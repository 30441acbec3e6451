import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('refuses unknown options and formats as invalid-options', async () => {
    await expect(parse(SMALL, { format: 'pdf' as 'text' })).rejects.toMatchObject({ code: 'invalid-options' });
    await expect(parse(SMALL, { colour: true } as object)).rejects.toThrow(/colour/);
    await expect(parse(SMALL, { format: 'docx' })).rejects.toMatchObject({ code: 'invalid-options' });
  });

  it('says which formats it cannot read yet', async () => {
    await expect(parse('| a | b |\n| --- | --- |\n| 1 | 2 |')).rejects.toMatchObject({ code: 'unsupported-format' });
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
