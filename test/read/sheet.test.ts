import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange, parseReference } from '../../src/read/sheet.js';

/** The A1 reference grammar, as a regular expression: what the hand-written reader must agree with. */
function specified(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!match) return null;
  let column = 0;
  for (const char of (match[1] as string).toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (row < 1 || row > 1_048_576 || column > 16_384) return null;
  return { row: row - 1, column: column - 1 };
}

describe('parseReference', () => {
  it('reads A1 references within the largest sheet, absolute or not, and nothing else', () => {
    expect(parseReference('C5')).toEqual({ row: 4, column: 2 });
    expect(parseReference(' $b$7 ')).toEqual({ row: 6, column: 1 });
    expect(parseReference('XFD1048576')).toEqual({ row: 1_048_575, column: 16_383 });
    for (const ref of ['', 'A', '1', 'A0', 'XFE1', 'A1048577', 'AAAA1', 'A12345678', '$$A1', 'A1$', 'Ａ1']) expect(parseReference(ref)).toBeNull();
  });

  it('agrees with the grammar on any short string of reference characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'$AaZzXFDq0918 \t@[`{\u017f\u00a0'), { maxLength: 12 }).map((chars) => chars.join('')), (ref) => {
        expect(parseReference(ref)).toEqual(specified(ref));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a range, or one cell as a range', () => {
    expect(parseRange('B3:A1')).toEqual({ top: 0, left: 0, bottom: 2, right: 1 });
    expect(parseRange('B2')).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(parseRange('B2:')).toBeNull();
  });
});
