import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tabLed } from '../helpers/raw.js';

const SEED = join(import.meta.dirname, '..', '..', 'seeds', '2016-shanghai-psb-zwgk-task-table.txt');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-cli-'));
  writeFileSync(join(dir, 'a.txt'), tabLed('2019年甲表', [['基本任务', '具体措施', '责任部门'], ['1、甲', 'a', '办公室']]));
  writeFileSync(join(dir, 'b.txt'), tabLed('2020年乙表', [['基本任务', '具体措施', '责任部门'], ['1、乙', 'b', '财务处']]));
  writeFileSync(join(dir, 'bad.txt'), 'no table here');
  return dir;
}

describe('fenjie convert', () => {
  it('prints one file’s model as pretty JSON on stdout', async () => {
    const io = fakeIo();
    expect(await main(['convert', SEED], io)).toBe(0);
    const table = JSON.parse(io.out());
    expect(table.title).toBe('2016年上海市公安局政务公开工作要点任务分解表');
    expect(io.out()).toContain('\n  "schemaVersion": 2,');
    expect(io.err()).toBe('');
  });

  it('prints one line with --compact', async () => {
    const io = fakeIo();
    expect(await main(['convert', '--compact', SEED], io)).toBe(0);
    expect(io.out().trimEnd().split('\n')).toHaveLength(1);
  });

  it('writes <name>.json per file into -o, creating it', async () => {
    const dir = workspace();
    const io = fakeIo(dir);
    expect(await main(['convert', 'a.txt', 'b.txt', '-o', 'out'], io)).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'b.json']);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'b.json'), 'utf8')).year).toBe(2020);
    expect(io.out()).toBe('');
  });

  it('writes several files into the current folder when -o is not given', async () => {
    const dir = workspace();
    expect(await main(['convert', 'a.txt', 'b.txt'], fakeIo(dir))).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(['a.json', 'b.json']);
  });

  it('reports a bad file in one line, converts the others and exits 1', async () => {
    const dir = workspace();
    const io = fakeIo(dir);
    expect(await main(['convert', 'a.txt', 'bad.txt', 'missing.txt', 'b.txt', '-o', 'out'], io)).toBe(1);
    expect(io.err()).toBe(
      'fenjie: bad.txt: no table found: no TAB-led cells, no TAB-separated rows, no pipe rows, no cells between lines of "|", no header of labels separated by spaces, no run of header lines naming two columns (such as 具体措施 and 责任部门), and no plan written as numbered paragraphs either (no paragraph names a responsible unit, as in （牵头单位：…） or （…负责）)\nfenjie: missing.txt: no such file\n',
    );
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'b.json']);
  });

  it('honours --format', async () => {
    const io = fakeIo();
    expect(await main(['convert', '--format', 'html', SEED], io)).toBe(1);
    expect(io.err()).toBe(`fenjie: ${SEED}: no table found, and no plan written as numbered paragraphs either (no paragraph names a responsible unit, as in （牵头单位：…） or （…负责）)\n`);
  });

  it('reads the table chosen with --table', async () => {
    const dir = workspace();
    const table = (t: string) => `<table><tr><th>基本任务</th><th>具体措施</th></tr><tr><td>1、${t}</td><td>a</td></tr></table>`;
    writeFileSync(join(dir, 'two.html'), table('甲') + table('乙'));
    const io = fakeIo(dir);
    expect(await main(['convert', '--table', '2', 'two.html'], io)).toBe(0);
    expect(JSON.parse(io.out()).sections[0].tasks[0].title).toBe('乙');
  });

  it.each([
    [['convert'], 'convert needs at least one file'],
    [['convert', '--nope', 'a.txt'], 'unknown option --nope\n'],
    [['convert', '--frmat', 'html', 'a.txt'], 'unknown option --frmat; did you mean --format?\n'],
    [['convert', '--format', 'pdf', 'a.txt'], "--format must be one of auto, text, html, docx, markdown, xlsx, xls, doc, not 'pdf'"],
    [['convert', 'a.txt', '--format'], 'option --format needs a value'],
    [['convert', 'a.txt', '--compact=yes'], 'option --compact takes no value'],
    [['validate', 'a.txt', '--max-warning', '3'], 'unknown option --max-warning; did you mean --max-warnings?'],
    [['convrt', 'a.txt'], "unknown command 'convrt'; did you mean 'convert'?"],
    [['convert', 'a.txt', '--lang', 'fr'], "--lang must be zh or en, not 'fr'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['convert', '--table', '0', 'a.txt'], "--table must be a table number from 1, not '0'"],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const io = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toContain(`fenjie: ${message}`);
  });
});

describe('help and version', () => {
  it('prints the version from package.json', async () => {
    const io = fakeIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${pkg.version}\n`);
  });

  it.each([[['--help']], [['convert', '--help']]])('prints help for %j', async (argv) => {
    const io = fakeIo();
    expect(await main(argv, io)).toBe(0);
    expect(io.out()).toMatch(/Usage:/);
  });

  it('prints help and exits 2 with no command', async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toMatch(/Usage:/);
  });
});
