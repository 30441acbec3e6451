import { collapseWhitespace, isCjk, normalizeWhitespace } from './whitespace.js';

/** Opening brackets and the closing bracket each one expects; ASCII round brackets are made full-width first. */
const BRACKETS: ReadonlyMap<string, string> = new Map([
  ['（', '）'],
  ['【', '】'],
  ['[', ']'],
  ['〔', '〕'],
  ['《', '》'],
]);
const LIST_SEPARATORS: ReadonlySet<string> = new Set(['、', '，', ',', '；', ';']);
const SENTENCE_END: ReadonlySet<string> = new Set(['。', '.', '．']);

/** Replaces ASCII round brackets with full-width ones: "(爱卫办)" → "（爱卫办）". */
export function toFullWidthBrackets(text: string): string {
  return text.replace(/[()]/gu, (bracket) => (bracket === '(' ? '（' : '）'));
}

function trimSentenceEnd(name: string): string {
  let end = name.length;
  while (end > 0 && SENTENCE_END.has(name.charAt(end - 1))) end--;
  return name.slice(0, end);
}

function splitLine(line: string): string[] {
  const chars = Array.from(collapseWhitespace(toFullWidthBrackets(line)));
  const names: string[] = [];
  // Closers still expected, innermost last; `waiting` counts them by kind so that a stray closer is
  // recognised in constant time and the whole scan stays linear.
  const expected: string[] = [];
  const waiting = new Map<string, number>();
  let name = '';
  chars.forEach((char, index) => {
    const separates =
      LIST_SEPARATORS.has(char) ||
      (char === ' ' && isCjk(chars[index - 1] ?? '') && isCjk(chars[index + 1] ?? ''));
    if (expected.length === 0 && separates) {
      names.push(name);
      name = '';
      return;
    }
    name += char;
    const closer = BRACKETS.get(char);
    if (closer !== undefined) {
      expected.push(closer);
      waiting.set(closer, (waiting.get(closer) ?? 0) + 1);
    } else if ((waiting.get(char) ?? 0) > 0) {
      // A closer also closes any bracket left open inside it: "【各县（市、区】" ends at "】".
      let closed: string | undefined;
      do {
        closed = expected.pop();
        if (closed !== undefined) waiting.set(closed, (waiting.get(closed) ?? 1) - 1);
      } while (closed !== undefined && closed !== char);
    }
  });
  names.push(name);
  return names;
}

/** Splits the lines of a department cell into one name per department, never inside brackets, without duplicates. */
export function splitDepartments(paragraphs: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const raw of splitLine(paragraph)) {
      const name = trimSentenceEnd(normalizeWhitespace(raw)).trimEnd();
      if (name !== '') seen.add(name);
    }
  }
  return [...seen];
}
