import { simplify } from './script.js';
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

/** Made once: a regular expression literal makes a new object each time it runs. */
const ROUND_BRACKETS = /[()]/gu;

/** Replaces ASCII round brackets with full-width ones: "(爱卫办)" → "（爱卫办）". */
export function toFullWidthBrackets(text: string): string {
  return text.replace(ROUND_BRACKETS, (bracket) => (bracket === '(' ? '（' : '）'));
}

function trimSentenceEnd(name: string): string {
  let end = name.length;
  while (end > 0 && SENTENCE_END.has(name.charAt(end - 1))) end--;
  return name.slice(0, end);
}

function splitLine(line: string): string[] {
  // A scan by UTF-16 unit, each name sliced out whole: the separators and brackets are all in the
  // BMP, and only a space's neighbours are read as whole characters (codePointAround).
  const text = collapseWhitespace(toFullWidthBrackets(line));
  const names: string[] = [];
  // Closers still expected, innermost last; `waiting` counts them by kind so that a stray closer is
  // recognised in constant time and the whole scan stays linear.
  const expected: number[] = [];
  const waiting = new Map<number, number>();
  let start = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    const separates =
      SEPARATOR_CODES.has(code) || (code === SPACE && isCjk(codePointAround(text, at, -1)) && isCjk(codePointAround(text, at, 1)) && spaceSeparates(text, start, at));
    if (expected.length === 0 && separates && !(code === LIST_COMMA && (sharesBody(text.slice(start, at), text, at + 1) || continuesLevels(text.slice(start, at), text, at + 1)))) {
      names.push(text.slice(start, at));
      start = at + 1;
      continue;
    }
    const closer = BRACKET_CODES.get(code);
    if (closer !== undefined) {
      expected.push(closer);
      waiting.set(closer, (waiting.get(closer) ?? 0) + 1);
    } else if ((waiting.get(code) ?? 0) > 0) {
      // A closer also closes any bracket left open inside it: "【各县（市、区】" ends at "】".
      let closed: number | undefined;
      do {
        closed = expected.pop();
        if (closed !== undefined) waiting.set(closed, (waiting.get(closed) ?? 1) - 1);
      } while (closed !== undefined && closed !== code);
    }
  }
  names.push(text.slice(start));
  return names;
}

/**
 * Whether the space at `at` (between CJK characters) separates two names: not before a round
 * bracket ("市安委办 （工作专班办公室）" is one name and its note; 《 may start a name), nor after one that closes a note on a place
 * rather than on a body ("各县区（开发区） 安委会"; but "规划信息处（爱卫办） 法制办" is two names).
 */
function spaceSeparates(text: string, start: number, at: number): boolean {
  if (text.charCodeAt(at + 1) === ROUND_OPEN) return false;
  // After a note, a name that starts at a level of its own (市教育局, 省教育厅) is another name.
  if (text.charCodeAt(at - 1) !== ROUND_CLOSE || '省市区县镇乡各'.includes(text.charAt(at + 1))) return true;
  // Only the name's last characters are read: a cell of thousands of such spaces stays linear.
  const before = text.slice(Math.max(start, at - NAME_WINDOW), at);
  const open = before.lastIndexOf('（');
  return open <= 0 || BODY_ENDING.test(simplify(before.slice(0, open).trimEnd()));
}

/** How many characters before a space `spaceSeparates` reads: more than any name with its note. */
const NAME_WINDOW = 60;

// BRACKETS and LIST_SEPARATORS by UTF-16 unit, for splitLine: a one-character string of a CJK
// character is a new string each time it is cut out, and hashed again at each lookup.
const BRACKET_CODES: ReadonlyMap<number, number> = new Map([...BRACKETS].map(([open, close]) => [open.charCodeAt(0), close.charCodeAt(0)]));
const SEPARATOR_CODES: ReadonlySet<number> = new Set([...LIST_SEPARATORS].map((char) => char.charCodeAt(0)));
const SPACE = 0x20;
const ROUND_OPEN = 0xff08;
const ROUND_CLOSE = 0xff09;
const LIST_COMMA = 0x3001;

/** The whole character just before (-1) or after (1) the unit at `at`: a surrogate pair's two units, or '' at an end. */
function codePointAround(text: string, at: number, side: -1 | 1): string {
  if (side === 1) {
    const high = text.charCodeAt(at + 1);
    const low = text.charCodeAt(at + 2);
    return text.slice(at + 1, at + (isHigh(high) && isLow(low) ? 3 : 2));
  }
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : NaN;
  return text.slice(Math.max(0, at - (isHigh(high) && isLow(low) ? 2 : 1)), at);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const ENDINGS = ['部', '办', '局', '处', '室', '委', '会', '院', '厅', '所', '中心', '队', '科', '组', '司', '府', '单位', '部门', '校', '社', '行', '馆', '团', '镇', '乡', '街道', '支队', '大队', '联', '协', '站', '台', '公司', '镇街', '开发区', '高新区', '园区', '新区'];

/** How the name of a body ends: 部, 办, 局, 处, 室, 委, 中心, 单位, 政府 … (a bracketed note may follow). */
export const BODY_ENDING = new RegExp(`(${ENDINGS.join('|')})(（[^）]*）)?$`);

/** Any of BODY_ENDING's endings, anywhere. */
const ANY_ENDING = new RegExp(ENDINGS.join('|'));

/**
 * What reading names may take out from between two characters of a name: white space, NEL and
 * zero-width characters, which normalizing takes out or makes a space; and U+E000 and U+E001, which
 * readResponsibility reads as 、 and a space in the one text it cannot find other stand-ins for (one
 * holding nearly every private-use character). Shared with responsibility.ts's `mayMarkRoles`.
 */
export const NAME_GAPS = /[\s\u0085\u200b\u2060\ufeff\ue000\ue001]+/gu;

/**
 * Whether a name read from the text could end as a body's name does (BODY_ENDING). Names are made
 * of the text's own characters, with white space and zero-width characters taken out or kept, so
 * none can unless one of the endings is in the text's simplified characters with those left out.
 */
export function mayNameBody(text: string): boolean {
  return ANY_ENDING.test(simplify(text).replace(NAME_GAPS, ''));
}

/** A name that is a place only (城乡一体化示范区, 高新区), no body: it shares the body named after it. */
const PLACE = /[区县市州旗]$/u;
/** A place and the bodies it names: 高新区党工委和管委会, 某县人民政府. */
const PLACE_BODY = /^[^、，,；;（）()]+?[区县市州旗][^、，,；;]*(会|委|局|府|办|部|中心)$/u;

/**
 * True when the 、 at `from` joins two places to one body ("城乡一体化示范区、高新区党工委和管委会": the
 * bodies of both places), so that the list is one collective name and not a place and a body.
 */
function sharesBody(name: string, text: string, from: number): boolean {
  if (!PLACE.test(name.trim()) || OPEN_ROUND.test(name)) return false;
  return PLACE_BODY.test(text.slice(from, separatorAfter(text, from)).trim());
}

/** Index of the first separator (、，；…) at or after `from`, or the text's end, looking no further than `limit`. */
function separatorAfter(text: string, from: number, limit = text.length): number {
  let end = from;
  while (end < text.length && end < limit && !SEPARATOR_CODES.has(text.charCodeAt(end))) end += 1;
  return end;
}

const OPEN_ROUND = /[（(]/u;

/** Levels of place named without a body (县, 市, 区, 乡镇, 街道 …), longest first. */
const LEVEL = '(?:县市区|街道|乡镇|镇街|社区|县区|县市|市区|[省市县区州旗乡镇村街])';
/** 各 and levels listed with 、 ("各乡镇", "各县、市"): the start of a collective name. */
const EACH_LEVELS = new RegExp(`^各${LEVEL}(?:、${LEVEL})*$`, 'u');
/** Longest collective name of levels read as one (各县、市、区、乡镇、街道 is 14). */
const MAX_COLLECTIVE = 40;
/** A level, and the body every place of the levels listed has: 街道, 区政府, 区人民政府. */
const LEVEL_START = new RegExp(`^${LEVEL}(?:人民政府|政府|党委)?`, 'u');

/**
 * True when the 、 at `from` lists one more level after 各 ("各乡镇、街道", "各县、市、区政府"): the
 * bodies of every place of those levels, one collective name and not 各乡镇 and 街道. What follows
 * the level may be a role ("街道配合"), not a body of its own ("县直各部门").
 */
function continuesLevels(name: string, text: string, from: number): boolean {
  // Bounded: a run of thousands of "各县、县、…" is not one name, and is not re-read at every 、.
  if (name.length > MAX_COLLECTIVE || !EACH_LEVELS.test(name.trim())) return false;
  const next = text.slice(from, separatorAfter(text, from, from + MAX_COLLECTIVE)).trim();
  const level = LEVEL_START.exec(next);
  // The level alone, or followed by a role ("街道配合") or a bracket: not a body of its own (市直机关, 村级组织).
  return level !== null && (level[0].length === next.length || ROLE_AFTER_LEVEL.test(next.slice(level[0].length)));
}

/** What may follow the last level of a collective name: a role, 等 closing the list, or a bracket of more levels (各市、县（市、区）教育局). */
const ROLE_AFTER_LEVEL = /^(?:牵头|配合|负责|落实|参与|协助|协同|按|依|根据|分别|共同|具体|等|（)/u;

/** "等" closing a list, alone or with the bare word for what it stands for: 等, 等部门, 等单位 (等有关单位 names them: see splitEtc). */
const ETC = /等(?:部门|单位)?$/u;

/**
 * "等" closing a list ("市发展改革委、农业局等", "区水务局等部门") says there are more; it is not part of
 * the last name.
 */
function withoutEtc(name: string): string {
  const at = name.search(ETC);
  return at >= 2 ? name.slice(0, at) : name;
}

/**
 * "X等有关处室（单位）": a name, 等, and a collective name of the others (有关…, 相关…, 其他…, 各…,
 * perhaps after a level: 区级有关部门, 市直有关单位).
 */
const ETC_COLLECTIVE = /^(.{2,}?)等((?:[省市县区镇][级直]|省|市|县|区)?(?:有关|相关|其他|其它|各)..+)$/u;

/** A name and the collective name 等 joins it to, as two: "就业指导中心等有关处室（单位）". */
function splitEtc(name: string): string[] {
  const match = ETC_COLLECTIVE.exec(name);
  return match ? [match[1] as string, match[2] as string] : [name];
}

/** What a table writes in a cell of units that names none: /, —, -, 无, 暂无. */
const NONE = /^(?:[\/／—–\-－―]+|暂?[无無])$/u;

/** Splits the lines of a department cell into one name per department, never inside brackets, without duplicates. */
export function splitDepartments(paragraphs: readonly string[], collective = true): string[] {
  const seen = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const raw of splitLine(paragraph)) {
      const name = withoutEtc(trimSentenceEnd(normalizeWhitespace(raw)).trimEnd());
      // "/" or "无" in a cell of units says there are none: no name.
      if (NONE.test(name)) continue;
      for (const named of collective ? splitEtc(name) : [name]) for (const part of splitJoined(named)) if (part !== '') seen.add(part);
    }
  }
  return [...seen];
}

/**
 * Two names joined by 及 or 和 ("区城管大队法制办及街道城管中队"), each reading as a body, as two; a
 * name that only contains the word ("科技和信息化局", "各县（市、区）及有关部门") stays whole.
 */
/**
 * A body named without its place (管委会, 人民政府): after 和/及 it is the same place's second body
 * ("高新区党工委和管委会", "县委和县政府" aside), so the name stays one collective name.
 */
const SHARED_BODY = /^(管委会|管理委员会|人民政府|政府|党委|党工委|办事处|办公室|委员会)$/u;

const JOINING = /[及和]/u;

function splitJoined(name: string): string[] {
  const at = name.search(JOINING);
  if (at < 2 || name.length > 40) return splitGlued(name);
  const first = name.slice(0, at);
  const rest = name.slice(at + 1);
  if (rest.length < 2 || first.includes('（') || SHARED_BODY.test(rest) || !BODY_ENDING.test(simplify(first)) || !BODY_ENDING.test(simplify(rest))) return splitGlued(name);
  return [...splitGlued(first), ...splitJoined(rest)];
}

/**
 * Names a page ran together without a separator, each starting with the same level (区, 市, 县 …)
 * and ending as a body ("区商务局区教育局"), as several.
 */
function splitGlued(name: string): string[] {
  const level = name.charAt(0);
  if (!'省市区县镇乡'.includes(level) || name.length > 40) return [name];
  for (let at = name.indexOf(level, 3); at > 0; at = name.indexOf(level, at + 1)) {
    const first = name.slice(0, at);
    const rest = name.slice(at);
    // "市发改委会市财政局" is X会Y (X 会同 Y), which responsibility reading splits with the roles.
    if (first.endsWith('会')) continue;
    if (rest.length >= 3 && !first.includes('（') && BODY_ENDING.test(simplify(first)) && BODY_ENDING.test(simplify(rest))) return [first, ...splitGlued(rest)];
  }
  return [name];
}
