import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { fakeIo } from '../helpers/io.js';

const WORKBOOK = join(FIXTURES, 'xlsx-workbook', 'input.xlsx');

describe('the CLI and spreadsheets', () => {
  it('reads a sheet by name with --sheet, and with --table', async () => {
    for (const args of [['--sheet', '旧版'], ['--table', '旧版']]) {
      const io = fakeIo();
      expect(await main(['convert', WORKBOOK, ...args], io)).toBe(0);
      expect(JSON.parse(io.out()).sections[0].tasks[0].measures[0].text).toBe('旧版措施');
    }
  });

  it('names the sheets there are when the one asked for is missing', async () => {
    const io = fakeIo();
    expect(await main(['convert', WORKBOOK, '--sheet', '2023'], io)).toBe(1);
    expect(io.err()).toMatch(/sheet "2023" was asked for, but the workbook's sheets with cells are "2024年台账", "说明", "旧版"/);
  });

  it('takes .xlsx, .xls, .et and .csv files from a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fenjie-sheets-'));
    mkdirSync(join(dir, 'in'));
    copyFileSync(WORKBOOK, join(dir, 'in', 'a.xlsx'));
    copyFileSync(join(FIXTURES, 'seed-2016-xls', 'input.xls'), join(dir, 'in', 'b.xls'));
    copyFileSync(join(FIXTURES, 'seed-2016-xls', 'input.xls'), join(dir, 'in', 'c.et'));
    copyFileSync(join(FIXTURES, 'seed-2016-csv-gbk', 'input.csv'), join(dir, 'in', 'd.csv'));
    const io = fakeIo(dir);
    expect(await main(['convert', 'in', '-o', 'out'], io)).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.json', 'b.json', 'c.json', 'd.json']);
  });
});
