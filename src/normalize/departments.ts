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
    if (expected.length === 0 && separates && !(char === '、' && sharesBody(name, chars, index + 1))) {
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

/** A name that is a place only (城乡一体化示范区, 高新区), no body: it shares the body named after it. */
const PLACE = /[区县市州旗]$/u;
/** A place and the bodies it names: 高新区党工委和管委会, 某县人民政府. */
const PLACE_BODY = /^[^、，,；;（）()]+?[区县市州旗][^、，,；;]*(会|委|局|府|办|部|中心)$/u;

/**
 * True when the 、 at `from` joins two places to one body ("城乡一体化示范区、高新区党工委和管委会": the
 * bodies of both places), so that the list is one collective name and not a place and a body.
 */
function sharesBody(name: string, chars: readonly string[], from: number): boolean {
  if (!PLACE.test(name.trim()) || /[（(]/u.test(name)) return false;
  let next = '';
  for (let i = from; i < chars.length && !LIST_SEPARATORS.has(chars[i] as string); i += 1) next += chars[i];
  return PLACE_BODY.test(next.trim());
}

/** "等" closing a list ("市发展改革委、农业局等") says there are more; it is not part of the last name. */
function withoutEtc(name: string): string {
  return name.length > 2 && name.endsWith('等') ? name.slice(0, -1) : name;
}

/** Splits the lines of a department cell into one name per department, never inside brackets, without duplicates. */
export function splitDepartments(paragraphs: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const raw of splitLine(paragraph)) {
      const name = withoutEtc(trimSentenceEnd(normalizeWhitespace(raw)).trimEnd());
      if (name !== '') seen.add(name);
    }
  }
  return [...seen];
}
