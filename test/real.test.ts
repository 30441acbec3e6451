import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAndScore, realFile } from '../scripts/accuracy/score.js';
import { Truth, truthMeasures } from '../scripts/accuracy/truth.js';

// The real corpus (fixtures/real/<slug>/input.* + truth.json, see fixtures/real/README.md): every truth
// must follow its schema and quote its input, and fenjie must keep at least as many measures exact as
// floor.json records. UPDATE=1 raises floors to the current counts (it never lowers one).
const ROOT = join(import.meta.dirname, '..', 'fixtures', 'real');
const FLOOR = join(ROOT, 'floor.json');
const slugs = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const floors: Record<string, number> = existsSync(FLOOR) ? JSON.parse(readFileSync(FLOOR, 'utf8')) : {};

/** Letters only: whitespace dropped and ASCII brackets made full-width, as the truth writes names. */
const squeeze = (text: string): string => text.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');

describe('real corpus', () => {
  it('holds real tables and prose plans', () => {
    expect(slugs.length).toBeGreaterThan(0);
    expect(Object.keys(floors).filter((slug) => !slugs.includes(slug))).toEqual([]);
  });

  describe.each(slugs)('%s', (slug) => {
    it('has a truth.json that follows the truth schema and a source.md', () => {
      const parsed = Truth.safeParse(JSON.parse(readFileSync(join(ROOT, slug, 'truth.json'), 'utf8')));
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
      expect(existsSync(join(ROOT, slug, 'source.md'))).toBe(true);
    });

    it('quotes its input: every measure text and department name is in the text', () => {
      const file = realFile(slug, ROOT);
      const text = squeeze(new TextDecoder().decode(file.bytes));
      const absent = truthMeasures(file.truth).flatMap((m) =>
        [m.text, ...m.departments].filter((quote) => !text.includes(squeeze(quote))),
      );
      expect(absent).toEqual([]);
    });

    it('keeps at least its floor of exact measures', async () => {
      const { exact } = await parseAndScore(realFile(slug, ROOT));
      if (process.env.UPDATE) {
        floors[slug] = Math.max(floors[slug] ?? 0, exact);
        writeFileSync(FLOOR, JSON.stringify(Object.fromEntries(Object.entries(floors).sort(([a], [b]) => a.localeCompare(b))), null, 2) + '\n');
      }
      expect(floors[slug], `${slug} has no floor in fixtures/real/floor.json; run UPDATE=1 npx vitest run test/real.test.ts`).toBeDefined();
      expect(exact).toBeGreaterThanOrEqual(floors[slug] as number);
    });
  });
});
