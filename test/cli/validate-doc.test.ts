import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { fakeIo } from '../helpers/io.js';

/** A folder of Word 97 files: a sound seed, one with an error, and a WPS file with a warning. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-validate-doc-'));
  mkdirSync(join(dir, 'tables', 'sub'), { recursive: true });
  copyFileSync(join(FIXTURES, 'seed-2016-doc', 'input.doc'), join(dir, 'tables', 'seed.doc'));
  copyFileSync(join(FIXTURES, 'doc-grid-before-after', 'input.doc'), join(dir, 'tables', 'sub', 'missing.doc'));
  copyFileSync(join(FIXTURES, 'doc-continued-text', 'input.doc'), join(dir, 'tables', 'hidden.wps'));
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = fakeIo(dir);
  const code = await main(['validate', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('fenjie validate on .doc and .wps files', () => {
  it('walks a folder for .doc and .wps files and places findings by row and column', async () => {
    const { code, out, err } = await run(workspace(), 'tables', '--reporter', 'json');
    expect(err).toBe('');
    expect(code).toBe(1);
    const files = JSON.parse(out).files as { file: string; valid: boolean; diagnostics: { ruleId: string; place: unknown }[] }[];
    expect(files.map((f) => [f.file, f.valid, f.diagnostics.map((d) => [d.ruleId, d.place])])).toEqual([
      ['tables/hidden.wps', true, [['merged-text-lost', { table: 1, row: 3, column: 4, line: null }]]],
      ['tables/seed.doc', true, []],
      ['tables/sub/missing.doc', false, [['missing-departments', { table: 1, row: 6, column: 4, line: null }]]],
    ]);
  });

  it('names the cell, not a line, in the text report', async () => {
    const { out } = await run(workspace(), 'tables/sub/missing.doc');
    expect(out).toContain('tables/sub/missing.doc:row 6, column 4');
    expect(out).toContain('missing-departments');
  });
});
