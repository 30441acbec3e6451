import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tabLed } from '../helpers/raw.js';

const TABLE = tabLed('2019年甲表', [['基本任务', '具体措施', '责任部门'], ['1、甲', 'a', '办公室']]);

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-cli-rel-'));
  mkdirSync(join(dir, 'tables'));
  writeFileSync(join(dir, 'tables', 'a.txt'), TABLE);
  return dir;
}

describe('config trust: --no-config-lookup', () => {
  // A submitted config beside the tables turns every rule that would fail the file off.
  function submitted(): string {
    const dir = workspace();
    writeFileSync(join(dir, 'tables', 'b.txt'), tabLed('2019年乙表', [['基本任务', '具体措施', '责任部门'], ['1、乙', 'b', '']]));
    writeFileSync(join(dir, 'tables', 'fenjie.config.json'), JSON.stringify({ rules: { 'missing-departments': 'off' } }));
    return dir;
  }

  it('by default, a config beside the files is read (and can hide errors)', async () => {
    expect(await main(['validate', 'tables'], fakeIo(submitted()))).toBe(0);
  });

  it('reads no config beside the files, so the error stands', async () => {
    const io = fakeIo(submitted());
    expect(await main(['validate', '--no-config-lookup', 'tables'], io)).toBe(1);
    expect(io.out()).toContain('missing-departments');
  });

  it('still reads the config given with --config', async () => {
    const dir = submitted();
    writeFileSync(join(dir, 'ci.json'), JSON.stringify({ rules: { 'missing-departments': 'warning' } }));
    const io = fakeIo(dir);
    expect(await main(['validate', '--no-config-lookup', '--config', 'ci.json', 'tables'], io)).toBe(0);
    expect(io.out()).toContain('warning');
  });
});

describe('symbolic links inside an input folder', () => {
  it('are followed: a linked file and a linked folder are read, a link loop ends', async () => {
    const dir = workspace();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(join(elsewhere, 'deep'), { recursive: true });
    writeFileSync(join(elsewhere, 'linked.txt'), TABLE);
    writeFileSync(join(elsewhere, 'deep', 'inner.txt'), TABLE);
    symlinkSync(join(elsewhere, 'linked.txt'), join(dir, 'tables', 'link.txt'));
    symlinkSync(join(elsewhere, 'deep'), join(dir, 'tables', 'deep-link'));
    symlinkSync(join(dir, 'tables'), join(dir, 'tables', 'loop'));
    const io = fakeIo(dir);
    expect(await main(['convert', 'tables', '-o', 'out'], io)).toBe(0);
    // Each file keeps its place below the input folder (#15): the linked folder's file too.
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'deep-link', 'link.json']);
    expect(readdirSync(join(dir, 'out', 'deep-link'))).toEqual(['inner.json']);
  });

  it('are reported in one line when broken, not skipped', async () => {
    const dir = workspace();
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'tables', 'broken.txt'));
    const io = fakeIo(dir);
    expect(await main(['convert', 'tables', '-o', 'out'], io)).toBe(1);
    expect(io.err()).toBe(`fenjie: ${join('tables', 'broken.txt')}: no such file\n`);
  });
});

describe('operating system errors are one clear line', () => {
  it('-o naming an existing file', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'out'), 'a file');
    const io = fakeIo(dir);
    expect(await main(['convert', 'tables', '-o', 'out'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('fenjie: -o out: a file is in the way; -o names the folder the .json files go into');
  });

  it('-o inside a file', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'out'), 'a file');
    const io = fakeIo(dir);
    expect(await main(['convert', 'tables', '-o', 'out/sub'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('fenjie: -o out/sub: a file is in the way; -o names the folder the .json files go into');
  });

  it('a .json that cannot be written (a folder in its place)', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out', 'a.json'), { recursive: true });
    const io = fakeIo(dir);
    expect(await main(['convert', 'tables', '-o', 'out'], io)).toBe(1);
    expect(io.err()).toBe(`fenjie: ${join('tables', 'a.txt')}: cannot write ${join(dir, 'out', 'a.json')}: is a folder\n`);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const dir = workspace();
    chmodSync(join(dir, 'tables', 'a.txt'), 0);
    const io = fakeIo(dir);
    expect(await main(['convert', join('tables', 'a.txt')], io)).toBe(1);
    expect(io.err()).toBe(`fenjie: ${join('tables', 'a.txt')}: permission denied\n`);
  });
});

describe('bounded reading', () => {
  it('stops reading an endless device at the input limit', async () => {
    const io = fakeIo(workspace());
    expect(await main(['convert', '/dev/zero'], io)).toBe(1);
    expect(io.err()).toBe('fenjie: /dev/zero: the input is more than 50 MiB, more than the limit of 50 MiB (option maxInputBytes)\n');
  });

  it('refuses a file over the limit before reading it, by its size', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'tables', 'fenjie.config.json'), JSON.stringify({ maxInputBytes: 20 }));
    const io = fakeIo(dir);
    expect(await main(['convert', join('tables', 'a.txt')], io)).toBe(1);
    expect(io.err()).toMatch(/^fenjie: tables\/a\.txt: the input is \d+ bytes, more than the limit of 20 bytes \(option maxInputBytes\)\n$/);
  });

  it('reads standard input as "-" (named <stdin>), with the same bound', async () => {
    async function* chunks(count: number) {
      for (let i = 0; i < count; i += 1) yield new Uint8Array(1024 * 1024);
    }
    const io = fakeIo();
    expect(await main(['convert', '-'], { ...io, stdin: chunks(60) })).toBe(1);
    expect(io.err()).toBe('fenjie: <stdin>: the input is more than 50 MiB, more than the limit of 50 MiB (option maxInputBytes)\n');
    const ok = fakeIo();
    expect(await main(['convert', '-'], { ...ok, stdin: [new TextEncoder().encode(TABLE)] })).toBe(0);
    expect(JSON.parse(ok.out()).source.name).toBe('<stdin>');
  });
});
