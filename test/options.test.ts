import { describe, expect, it } from 'vitest';
import { normalizeOptions, type ParseOptions } from '../src/options.js';
import { ParseOptionsSchema } from '../src/options-schema.js';

// normalizeOptions accepts plain options without zod; whatever it accepts, zod must accept
// unchanged, and whatever zod refuses it must refuse with zod's message.
const CASES: unknown[] = [
  undefined,
  {},
  { format: 'auto' },
  { format: 'docx', fileName: 'a.docx', locale: 'zh' },
  { format: 'pdf' },
  { fileName: 7 },
  { table: 1 },
  { table: 0 },
  { table: 1.5 },
  { table: 2 ** 53 },
  { table: '2024年台账' },
  { table: '' },
  { encoding: 'gb18030' },
  { encoding: '' },
  { locale: 'fr' },
  { checkModel: true },
  { checkModel: 'yes' },
  { fileName: undefined, table: undefined },
  { rules: undefined },
  { rules: { 'unknown-department': 'off' } },
  { maxCells: 10 },
  { unknown: 1 },
  { unknown: undefined },
  null,
  [],
  Object.create({ format: 'pdf' }),
];

describe('normalizeOptions', () => {
  it.each(CASES.map((options) => [JSON.stringify(options) ?? String(options), options]))('agrees with the zod schema on %s', async (_, options) => {
    const zod = ParseOptionsSchema.safeParse(options === undefined ? {} : options);
    const ours = normalizeOptions(options as ParseOptions).then(
      (settings) => ({ ok: true as const, settings }),
      (error: Error) => ({ ok: false as const, message: error.message }),
    );
    const result = await ours;
    expect(result.ok).toBe(zod.success);
    if (result.ok && zod.success) {
      expect(result.settings.format).toBe(zod.data.format ?? 'auto');
      expect(result.settings.table).toBe(zod.data.table ?? null);
      expect(result.settings.locale).toBe(zod.data.locale ?? 'en');
      expect(result.settings.checkModel).toBe(zod.data.checkModel ?? false);
    } else if (!result.ok) {
      expect(result.message).toMatch(/^invalid option /);
    }
  });
});
