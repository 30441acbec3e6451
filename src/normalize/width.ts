// East Asian Wide and Fullwidth ranges (UAX #11), the ones a task table can plausibly contain.
// Ambiguous characters (“”, ─, │) count one column, as pandoc, w3m and terminals outside CJK locales draw them.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Columns one code point takes in a terminal or a plain-text table: 2 for wide and fullwidth characters, 0 for combining marks and zero-width characters, else 1. */
export function charWidth(code: number): 0 | 1 | 2 {
  // Most characters are ASCII or Latin: they skip the range lookups.
  if (code < 0x0300) return 1;
  if ((code >= 0x0300 && code <= 0x036f) || (code >= 0x200b && code <= 0x200f) || code === 0x2060 || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff) return 0;
  return WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
}

/** Columns a string takes in a terminal: CJK characters take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}
