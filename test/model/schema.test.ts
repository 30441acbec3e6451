import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse, taskTableJsonSchema } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { fakeIo } from '../helpers/io.js';

describe('the generated JSON Schema', () => {
  const schema = taskTableJsonSchema();
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it('is draft 2020-12 and requires every field of the model', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect([...(schema.required as string[])].sort()).toEqual(
      ['columns', 'departments', 'diagnostics', 'postscript', 'preamble', 'schemaVersion', 'sections', 'source', 'title', 'year'].sort(),
    );
  });

  it.each(fixtureCases().map((c) => [c.name, c] as const))('accepts the output of %s', async (_name, fixture) => {
    const table = JSON.parse(JSON.stringify(await parse(fixture.bytes, { fileName: fixture.input })));
    expect(validate(table), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is the file the package ships as fenjie/schema.json (run `npm run build` after changing the model)', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schema.json'), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it('is what `fenjie schema` prints', async () => {
    const io = fakeIo();
    expect(await main(['schema'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual(schema);
  });

  it('rejects a model with a field missing or misspelt', () => {
    expect(validate({ schemaVersion: 2, title: null })).toBe(false);
  });
});
