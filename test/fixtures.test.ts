import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';
import { fixtureCases } from './helpers/fixtures.js';

// Every fixture folder holds input.<ext> and expected.json: the whole model, diagnostics included.
// UPDATE=1 rewrites the expectations; review them in the diff before committing.
describe('fixtures', () => {
  const cases = fixtureCases();

  it('has fixtures to walk', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const table = await parse(fixture.bytes, { fileName: fixture.input, checkModel: true });
    const expectedPath = join(fixture.dir, 'expected.json');
    const actual = JSON.stringify(table, null, 2) + '\n';
    if (process.env.UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
    expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});
