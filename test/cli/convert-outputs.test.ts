import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { departmentsPath, planOutput } from '../../src/cli/outputs.js';
import { fakeIo } from '../helpers/io.js';
import { tabLed } from '../helpers/raw.js';
import { readCsv, SEED_PATH } from '../output/tables.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-outputs-'));
  writeFileSync(join(dir, 'a.txt'), tabLed('2019年甲表', [['基本任务', '具体措施', '责任部门'], ['1、甲', 'a', '办公室'], ['', 'b', '财务处']]));
  writeFileSync(join(dir, 'b.txt'), tabLed('2020年乙表', [['基本任务', '具体措施', '责任部门'], ['1、乙', 'c', '财务处']]));
  writeFileSync(join(dir, 'bad.txt'), 'no table here');
  return dir;
}

describe('fenjie convert --to', () => {
  it('keeps JSON the default: the model, unchanged', async () => {
    const io = fakeIo();
    expect(await main(['convert', '--to', 'json', SEED_PATH], io)).toBe(0);
    const plain = fakeIo();
    await main(['convert', SEED_PATH], plain);
    expect(io.out()).toBe(plain.out());
    expect(Object.keys(JSON.parse(io.out()))).toEqual(['schemaVersion', 'title', 'year', 'source', 'preamble', 'postscript', 'columns', 'sections', 'departments', 'diagnostics']);
  });

  it('prints CSV with a BOM, JSON Lines, Markdown and HTML on stdout', async () => {
    const csv = fakeIo();
    expect(await main(['convert', '--to', 'csv', SEED_PATH], csv)).toBe(0);
    expect([...csv.bytes().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(csv.out().slice(1))).toHaveLength(50);
    const jsonl = fakeIo();
    expect(await main(['convert', '--to', 'jsonl', SEED_PATH], jsonl)).toBe(0);
    const lines = jsonl.out().trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(49);
    expect(lines[2]).toMatchObject({ section: 1, task: 1, measure: 3, inherited: true });
    const md = fakeIo();
    expect(await main(['convert', '--to', 'md', SEED_PATH], md)).toBe(0);
    expect(md.out()).toMatch(/^# 2016年/);
    const html = fakeIo();
    expect(await main(['convert', '--to', 'html', SEED_PATH], html)).toBe(0);
    expect(html.out()).toMatch(/^<!DOCTYPE html>/);
  });

  it('writes GB18030 CSV with --csv-encoding gb18030', async () => {
    const io = fakeIo();
    expect(await main(['convert', '--to', 'csv', '--csv-encoding', 'gb18030', SEED_PATH], io)).toBe(0);
    const text = new TextDecoder('gb18030', { fatal: true }).decode(io.bytes());
    expect(text.startsWith('文件,')).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(io.bytes())).toThrow();
  });

  it('picks the format from the ending of -o and writes that file, with the department index beside a CSV', async () => {
    const dir = workspace();
    for (const name of ['t.csv', 't.xlsx', 't.html', 't.md', 't.jsonl', 't.json']) {
      const io = fakeIo(dir);
      expect(await main(['convert', 'a.txt', '-o', join('out', name)], io)).toBe(0);
      expect(io.out()).toBe('');
    }
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['t.csv', 't.departments.csv', 't.html', 't.json', 't.jsonl', 't.md', 't.xlsx']);
    expect(Object.keys(unzipSync(readFileSync(join(dir, 'out', 't.xlsx'))))).toContain('xl/worksheets/sheet2.xml');
    expect(JSON.parse(readFileSync(join(dir, 'out', 't.json'), 'utf8')).year).toBe(2019);
    expect(readCsv(readFileSync(join(dir, 'out', 't.departments.csv'), 'utf8').slice(1))[1]?.slice(0, 5)).toEqual(['办公室', '0', '0', '1', '1']);
  });

  it('combines several inputs into one CSV with a 文件 column, skipping one that fails', async () => {
    const dir = workspace();
    const io = fakeIo(dir);
    expect(await main(['convert', '--to', 'csv', 'a.txt', 'bad.txt', 'b.txt', '-o', 'all.csv'], io)).toBe(1);
    expect(io.err()).toContain('fenjie: bad.txt: no table found');
    const records = readCsv(readFileSync(join(dir, 'all.csv'), 'utf8').slice(1));
    expect(records.slice(1).map((r) => [r[0], r[6], r[7]])).toEqual([
      ['a.txt', 'a', '办公室'],
      ['a.txt', 'b', '财务处'],
      ['b.txt', 'c', '财务处'],
    ]);
    expect(existsSync(join(dir, 'all.departments.csv'))).toBe(true);
  });

  it('combines several inputs into one workbook', async () => {
    const dir = workspace();
    expect(await main(['convert', 'a.txt', 'b.txt', '-o', 'all.xlsx'], fakeIo(dir))).toBe(0);
    const sheet = strFromU8(unzipSync(readFileSync(join(dir, 'all.xlsx')))['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<t xml:space="preserve">b.txt</t>');
  });

  it('writes <name>.<format> per input into a folder', async () => {
    const dir = workspace();
    expect(await main(['convert', '--to', 'html', 'a.txt', 'b.txt', '-o', 'reports'], fakeIo(dir))).toBe(0);
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['a.html', 'b.html']);
    expect(await main(['convert', '--to', 'csv', 'a.txt', 'b.txt'], fakeIo(dir))).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()).toEqual(['a.csv', 'a.departments.csv', 'b.csv', 'b.departments.csv']);
  });

  it('writes an .xlsx to stdout only when it is not a terminal', async () => {
    const piped = fakeIo();
    expect(await main(['convert', '--to', 'xlsx', SEED_PATH], piped)).toBe(0);
    expect([...piped.bytes().subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const terminal = fakeIo();
    terminal.stdout.isTTY = true;
    expect(await main(['convert', '--to', 'xlsx', SEED_PATH], terminal)).toBe(2);
    expect(terminal.err()).toContain('an .xlsx is binary and is not written to a terminal');
  });

  it.each([
    [['--to', 'pdf', 'a.txt'], "--to must be json, jsonl, csv, xlsx, md, html, not 'pdf'"],
    [['--to', 'csv', 'a.txt', '-o', 'x.xlsx'], '--to csv does not match -o x.xlsx'],
    [['--to', 'html', 'a.txt', 'b.txt', '-o', 'x.html'], '2 inputs cannot share one .html file'],
    [['a.txt', 'b.txt', '-o', 'x.json'], '2 inputs cannot share one .json file'],
    [['--csv-encoding', 'gb18030', 'a.txt'], '--csv-encoding applies to CSV output only'],
    [['--to', 'csv', '--csv-encoding', 'latin1', 'a.txt'], "--csv-encoding must be utf-8-bom (the default), utf-8 or gb18030, not 'latin1'"],
  ])('refuses %j', async (args, message) => {
    const dir = workspace();
    const io = fakeIo(dir);
    expect(await main(['convert', ...args], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'bad.txt']);
  });

  it('documents the outputs in its help', async () => {
    const io = fakeIo();
    await main(['convert', '--help'], io);
    expect(io.out()).toContain('--to <format>');
    expect(io.out()).toContain('--csv-encoding');
  });
});

describe('planOutput', () => {
  it('takes a folder for -o without a format ending, and the file for one with', () => {
    expect(planOutput({ out: 'out' }, 1, false, false)).toEqual({ format: 'json', csvEncoding: 'utf-8-bom', target: { kind: 'folder', path: 'out' } });
    expect(planOutput({ out: 'Report.HTML' }, 1, false, false).format).toBe('html');
    expect(planOutput({ to: 'csv', csvEncoding: 'GBK' }, 1, true, true)).toEqual({ format: 'csv', csvEncoding: 'gb18030', target: { kind: 'stdout' } });
    expect(departmentsPath('a/all.csv')).toBe('a/all.departments.csv');
  });
});
