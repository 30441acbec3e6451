import { extname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type ParseOptions } from '../../src/index.js';
import { fixtureCases } from '../helpers/fixtures.js';
import { STRESS } from '../helpers/stress.js';

/*
 * parse() keeps no state between calls: 100 calls started at once, over every format (and a few
 * inputs that are refused), give what the same calls give one after another. Readers load lazily on
 * first use, so the first concurrent calls of each format also race on those imports: that holds in
 * `npm run test:stress`, which runs every file in a fresh worker and calls every source; `npm test`
 * shares workers between files (the readers may be loaded already) and calls the first three
 * sources of each kind.
 */

/** One call: its input, options, and the result as plain data (a model, or an error's name, code and message). */
interface Call {
  input: string | Uint8Array;
  options: ParseOptions;
}

type Result = { model: unknown } | { error: { name: string; code: unknown; message: string } };

async function settle(call: Call): Promise<Result> {
  try {
    return { model: await parse(call.input, call.options) };
  } catch (error) {
    const e = error as { name?: string; code?: unknown; message?: string };
    return { error: { name: String(e.name), code: e.code, message: String(e.message) } };
  }
}

/** What a source is for picking a few of each: its file's ending, or "string". */
function kind(call: Call): string {
  return typeof call.input === 'string' ? 'string' : extname(call.options.fileName ?? '');
}

/** Every fixture as bytes, the text fixtures as strings too (in npm test, the first three of each kind), and inputs that are refused. */
function sources(): Call[] {
  const readable: Call[] = [];
  for (const fixture of fixtureCases()) {
    readable.push({ input: fixture.bytes, options: { fileName: fixture.input } });
    if (!['.docx', '.doc', '.xlsx', '.xls'].includes(extname(fixture.input))) {
      const text = new TextDecoder(fixture.name.includes('utf16') ? 'utf-16le' : fixture.name.includes('gb18030') ? 'gb18030' : 'utf-8').decode(fixture.bytes);
      readable.push({ input: text, options: { fileName: `${fixture.name}-string${extname(fixture.input)}`, rules: { 'missing-title': 'off' } } });
    }
  }
  const picked = STRESS ? readable : readable.filter((call, i) => readable.slice(0, i).filter((earlier) => kind(earlier) === kind(call)).length < 3);
  const docx = fixtureCases().find((f) => f.input.endsWith('.docx'));
  if (!docx) throw new Error('no .docx fixture');
  return [
    ...picked,
    { input: docx.bytes.slice(0, 200), options: { fileName: 'cut.docx' } },
    { input: 'no table here', options: { fileName: 'prose.txt' } },
    { input: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), options: { fileName: 'old.doc' } },
    { input: docx.bytes, options: { fileName: 'small.docx', maxInflatedBytes: 1024 } },
    { input: '<table><tr><td>x</td></tr></table>', options: { fileName: 'tiny.html', table: 3 } },
  ];
}

describe('parse() called many times at once', () => {
  it('gives 100 concurrent calls over mixed formats the results of the same calls made one by one', async () => {
    const pool = sources();
    // 100 calls striding through the sources (a stride prime to their number visits each), so that
    // formats interleave and each is parsed several times at once.
    // With more sources than 100 (every fixture, in npm run test:stress), every one is called once.
    const stride = [11, 13, 17, 19].find((n) => pool.length % n !== 0) as number;
    const count = Math.max(100, pool.length);
    const calls = Array.from({ length: count }, (_, i) => pool[(i * stride) % pool.length] as Call);
    expect(new Set(calls).size).toBe(Math.min(count, pool.length));
    const formats = new Set(calls.map(kind));
    expect([...formats].sort()).toEqual(expect.arrayContaining(['.csv', '.docx', '.html', '.htm', '.md', '.tsv', '.txt', '.xls', '.xlsx', 'string']));

    const together = await Promise.all(calls.map(settle));
    const oneByOne: Result[] = [];
    for (const call of calls) oneByOne.push(await settle(call));

    expect(together).toEqual(oneByOne);
    expect(together.filter((r) => 'error' in r).length).toBeGreaterThan(0);
    expect(together.filter((r) => 'model' in r).length).toBeGreaterThan(50);
  });
});
