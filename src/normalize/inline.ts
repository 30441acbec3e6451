import { toFullWidthBrackets } from './departments.js';
import { readResponsibility, type Responsibility } from './responsibility.js';
import { simplify } from './script.js';
import { normalizeWhitespace } from './whitespace.js';

/** What a paragraph of a prose plan says besides its measure: who, by when, and notes. */
export interface InlineParts {
  /** The paragraph without the responsibility brackets or closing clauses it carried. */
  text: string;
  /** The clauses that name who is responsible, as written ("牵头单位：市发改委", "市财政局配合"). */
  responsible: string[];
  /** Deadline wordings ("2024年6月底前完成", "长期坚持"), as written. */
  deadlines: string[];
  /** Other clauses of a responsibility bracket ("责任领导：张三"), as written. */
  notes: string[];
}

/** Closing brackets and the openers that may close with them (writers mix ASCII and full-width ones). */
const OPENERS: ReadonlyMap<string, string> = new Map([
  ['）', '（('],
  [')', '（('],
  ['〕', '〔'],
  ['】', '【'],
  [']', '['],
]);
const CLOSERS = '）)〕】]';
const TRAILING = new Set([...'。；;.，, ']);
const SENTENCE_END = /[。；;！？.]$/u;

/** Labels naming the responsible: 牵头单位, 责任部门, 配合单位, 协办处室, 牵头, 责任主体 …, before a colon. */
const ROLE_LABEL = /^(?:(?:主要)?(?:牵头|责任|主责|配合|协办|协助|协同|协作|参与|参加|主办|承办|负责|落实)(?:责任)?(?:单位|部门|处室|科室|主体|机构)?|(?:部门|责任|任务|职责)分工)[：:]/u;
/** Labels of a division of work (部门分工：X牵头，Y配合), whose roles are in the clause after them. */
const DIVISION_LABEL = /^(?:部门|责任|任务|职责)分工[：:]/u;
/** Labels naming people, kept as notes: 责任领导, 分管领导, 责任人, 联系人. */
const PERSON_LABEL = /^[^：:]{0,8}(?:领导|负责人|责任人|联系人)[：:]/u;
/** Labels naming the deadline. */
const DEADLINE_LABEL = /^(?:完成时限|完成时间|完成期限|时限要求|时间要求|时间节点|时间安排|进度安排|时限|期限)[：:]/u;
/** Wordings of a deadline inside a clause. */
const DEADLINE_WORDS = /(?:\d{4}年|\d{1,2}月|年底|年内|年中|年初|年末|上半年|下半年|季度|底前|日前|月前|前完成|长期|持续|常态|每月|每季|每年|每半年|全年|定期|逐年|分年度|分步)/u;
/** A bracket holding only a deadline must read as one, not as a period in a title ("（2018—2020年）"). */
const DEADLINE_ONLY = /(?:前|底|末|内完成|完成|长期|持续|常态|每[年月季周])/u;
/** A clause of the text that ends with a deadline: "2024年6月底前完成", "年底前", "长期坚持". */
const CLOSING_DEADLINE = /(?:(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?|年|季度|上半年|下半年)(?:底|末|中旬|上旬|下旬)?(?:前|内)|长期坚持|持续推进|常态化推进)(?:完成|实现|落实|到位|见效)?$/u;
/** Role words that close a clause naming the responsible: "市财政局负责落实", "X牵头", "Y配合". */
const ROLE_END = /(?:牵头|配合|协办|协助|参与|主办|负责|落实|实施|推进|办理)$/u;
/** How the name of a body ends: 局, 委员会, 人民政府, 办公室 … (a bracketed note may follow). */
const BODY = /(?:部|办|局|处|室|委|会|院|厅|所|中心|队|科|组|司|府|单位|部门|校|社|行|馆|团|镇|乡|街道|集团|公司|机关|党委|党组|站|台|署|班)(?:（[^）]*）)?$/u;
/** Openings of a bracketed aside that lists things, not bodies responsible: （含学校）, （包括各区）. */
const ASIDE = /^(?:含|包括|包含|不含|除|如|即|指|以|其中|另|注|(?:试行|暂行|修订|修正|草案|征求意见稿)$)/u;

/**
 * Splits the responsibility a prose plan writes inline off a paragraph: brackets at its end that
 * name units or deadlines (（牵头单位：X；责任单位：Y）, （责任单位：X，2024年6月底前完成）, 〔X、Y按职责分工负责〕,
 * 【X负责】, （X牵头，Y配合）, a bare list of bodies （X、Y）), and, without brackets, closing clauses such
 * as "X负责落实", "X牵头，Y配合" or "牵头单位：X；配合单位：Y". Traditional script reads as Simplified.
 * Without any, the text comes back whole; a deadline in its last clause is still reported.
 */
export function splitInline(paragraph: string): InlineParts {
  const original = normalizeWhitespace(paragraph);
  const simple = simplify(original);
  const parts: InlineParts = { text: original, responsible: [], deadlines: [], notes: [] };
  let end = original.length;
  // Brackets at the end, the last first: "……（2024年底前完成）（牵头单位：X）".
  for (;;) {
    let close = end;
    while (close > 0 && TRAILING.has(simple.charAt(close - 1))) close -= 1;
    const open = CLOSERS.includes(simple.charAt(close - 1)) ? openerOf(simple, close - 1) : -1;
    if (open < 0) break;
    const read = classify(original.slice(open + 1, close - 1), simple.slice(open + 1, close - 1), false);
    if (!read) break;
    prepend(parts, read);
    end = open;
  }
  if (parts.responsible.length === 0) {
    // Closing clauses without brackets: "做好政策解读，市政府办公室负责落实。" The first clause is the
    // measure itself, never taken (a paragraph that is all labels is a label line, see isLabelLine).
    const clauses = clausesOf(simple.slice(0, end));
    for (let i = clauses.length - 1; i >= 1; i -= 1) {
      const { start, end: stop } = clauses[i] as { start: number; end: number };
      const read = classify(original.slice(start, stop), simple.slice(start, stop), true);
      if (!read) break;
      prepend(parts, read);
      end = start;
    }
  }
  if (end < original.length) {
    const kept = original.slice(0, end).replace(/[\s，,；;、：:]+$/u, '');
    parts.text = kept !== '' && /[。.]$/u.test(original) && !SENTENCE_END.test(kept) ? `${kept}。` : kept;
  }
  if (parts.responsible.length === 0) {
    // "（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要……": named in the first sentence,
    // which stays in the text.
    const first = clausesOf(simple.slice(0, sentenceEnd(simple)));
    for (const { start, end: stop } of first.slice(1)) {
      const read = classify(original.slice(start, stop), simple.slice(start, stop), true);
      if (read) for (const item of read.responsible) parts.responsible.push(item);
    }
  }
  if (parts.deadlines.length === 0) {
    // "……，2024年6月底前完成。": the measure keeps its words, and its deadline is read from them.
    const last = clausesOf(simplify(parts.text)).at(-1);
    const clause = last ? parts.text.slice(last.start, last.end) : '';
    if (clause.length <= 30 && CLOSING_DEADLINE.test(simplify(clause))) parts.deadlines.push(clause);
  }
  return parts;
}

/**
 * Reads a paragraph that is nothing but responsibility or deadline labels ("牵头单位：市财政局",
 * "完成时限：2024年底前"), as a line below the paragraph it belongs to; null for any other paragraph.
 */
export function readLabelLine(paragraph: string): InlineParts | null {
  let original = normalizeWhitespace(paragraph);
  // A bracket on a line of its own: "（责任单位：市直各有关单位）".
  const close = original.replace(/[。；;.]$/u, '');
  if (CLOSERS.includes(close.slice(-1)) && openerOf(simplify(close), close.length - 1) === 0) original = close.slice(1, -1).trim();
  const simple = simplify(original);
  if (!ROLE_LABEL.test(simple) && !DEADLINE_LABEL.test(simple) && !PERSON_LABEL.test(simple)) return null;
  const read = classify(original, simple, false);
  if (read) return { text: '', ...read };
  // "牵头负责领导：金力。": people are not units, but the line is kept with the paragraph as a note.
  return PERSON_LABEL.test(simple) ? { text: '', responsible: [], deadlines: [], notes: [original] } : null;
}

/**
 * Reads who is responsible from clauses such as "牵头单位：X" and "Y配合", in either script: roles are
 * matched on the Simplified reading, and names are given back as written.
 */
export function readInlineResponsibility(clauses: readonly string[]): Responsibility {
  const originals = clauses.map((clause) => toFullWidthBrackets(normalizeWhitespace(clause)));
  const simple = originals.map(simplify);
  const read = readResponsibility(simple);
  const back = (name: string): string => {
    for (const [i, text] of simple.entries()) {
      const at = text.indexOf(name);
      if (at >= 0) return (originals[i] as string).slice(at, at + name.length);
    }
    return name;
  };
  const names = (list: readonly string[]) => [...new Set(tidyNames(list).map(back))];
  return {
    departments: names(read.departments),
    lead: names(read.lead),
    support: names(read.support),
    notes: read.notes === null ? null : read.notes.split('；').map(back).join('；'),
  };
}

/** Places written one a character before the body they share: "各县、市、区政府" is one name. */
const PLACE = /^各?[县市区乡镇旗]{1,2}$/u;

/**
 * Tidies names as plans write them: "各县、市、区政府" stays one name, "X等" closing a list loses its
 * 等, and "X及Y" / "X和Y" joining two bodies are two names.
 */
function tidyNames(names: readonly string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const name of names) {
    if (PLACE.test(name)) {
      pending += `${name}、`;
      continue;
    }
    const whole = (pending + name).replace(/(?<=..)等$/u, '').replace(/^由(?=..)/u, '');
    pending = '';
    const pair = /^(.+?)(?:以及|及|和)(.+)$/u.exec(whole);
    if (pair && BODY.test(pair[1] as string) && (BODY.test(pair[2] as string) || (pair[2] as string).startsWith('各'))) out.push(pair[1] as string, pair[2] as string);
    else out.push(whole);
  }
  if (pending !== '') out.push(pending.slice(0, -1));
  return out;
}

/** Index just past the first sentence: its 。 (or the end of the text). */
function sentenceEnd(text: string): number {
  const at = text.search(/[。！？]/u);
  return at < 0 ? text.length : at;
}

/**
 * Cuts a paragraph after each responsibility bracket that ends a sentence inside it: "甲。（市交通委
 * 负责落实）乙。（市体育局负责落实）" is two measures. A paragraph without one comes back whole.
 */
export function splitSegments(paragraph: string): string[] {
  const original = normalizeWhitespace(paragraph);
  const simple = simplify(original);
  const pieces: string[] = [];
  let from = 0;
  let open = -1;
  let depth = 0;
  for (let i = 0; i < simple.length; i += 1) {
    const char = simple.charAt(i);
    if ('（(〔【['.includes(char)) {
      if (depth === 0) open = i;
      depth += 1;
    } else if (CLOSERS.includes(char) && depth > 0) {
      depth -= 1;
      if (depth > 0 || open < 0) continue;
      let cut = i + 1;
      if (/[。；;.]/u.test(simple.charAt(cut))) cut += 1;
      const rest = simple.slice(cut).trim();
      const boundary = /[。；;.！？]/u.test(simple.charAt(open - 1)) || cut > i + 1;
      if (rest === '' || !boundary) continue;
      const read = classify(original.slice(open + 1, i), simple.slice(open + 1, i), false);
      if (!read || read.responsible.length === 0) continue;
      pieces.push(original.slice(from, cut).trim());
      from = cut;
    }
  }
  pieces.push(original.slice(from).trim());
  return pieces.filter((piece) => piece !== '');
}

/** Index of the bracket that opens the one closing at `close`, skipping nested pairs; -1 if none. */
function openerOf(text: string, close: number): number {
  const closer = text.charAt(close);
  const openers = OPENERS.get(closer) ?? '';
  let depth = 0;
  for (let i = close - 1; i >= 0; i -= 1) {
    const char = text.charAt(i);
    if (char === closer || (openers.includes('（') && (char === '）' || char === ')'))) depth += 1;
    else if (openers.includes(char)) {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

/** Clauses of a text, split at ，；。 and their ASCII forms outside brackets, with their offsets. */
function clausesOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const char = text.charAt(i);
    if ('（([【〔《“'.includes(char) && char !== '') depth += 1;
    else if ('）)]】〕》”'.includes(char) && char !== '' && depth > 0) depth -= 1;
    if (i === text.length || (depth === 0 && '，,；;。'.includes(char))) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim() !== '') out.push({ start: start + lead, end: start + raw.trimEnd().length });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Reads the clauses of a bracket (or, `strict`, one closing clause) as who / when / notes. Returns
 * null unless it names someone responsible, or (a bracket) is a deadline alone. Outside brackets
 * every name must read as a body, so that "确保工作落实" is not taken for a unit "确保工作".
 */
function classify(original: string, simple: string, strict: boolean): Omit<InlineParts, 'text'> | null {
  const read: Omit<InlineParts, 'text'> = { responsible: [], deadlines: [], notes: [] };
  let labelled = false;
  for (const { start, end } of clausesOf(simple)) {
    const clause = simple.slice(start, end);
    const written = original.slice(start, end);
    if (ROLE_LABEL.test(clause)) {
      labelled = true;
      read.responsible.push(DIVISION_LABEL.test(clause) ? written.slice(clause.search(/[：:]/u) + 1).trim() : written);
    } else if (DEADLINE_LABEL.test(clause)) {
      read.deadlines.push(written.slice(clause.search(/[：:]/u) + 1).trim());
    } else if (PERSON_LABEL.test(clause)) {
      read.notes.push(written);
    } else if (/^由[^，,；;]{1,40}(?:负责|牵头)/u.test(clause) && namesBodies(clause, 'any')) {
      // "由公安、交通部门负责": 由 names the responsible, even where a name does not end like a body.
      read.responsible.push(written);
    } else if (namesBodies(clause, strict ? 'all' : 'some') && (ROLE_END.test(clause) || /牵头|配合|会同/u.test(clause))) {
      read.responsible.push(written);
    } else if (!strict && !ASIDE.test(clause) && namesBodies(clause, 'all')) {
      // A bare list of bodies in a bracket: "（市发改委、市财政局）".
      read.responsible.push(written);
    } else if (clause.length <= 30 && DEADLINE_WORDS.test(clause) && !namesBodies(clause, 'all')) {
      read.deadlines.push(written);
    } else if (labelled) {
      // "责任单位：市发改委，全区各专班": a list a label began, split at a comma.
      read.responsible.push(written);
    } else {
      read.notes.push(written);
    }
  }
  if (read.responsible.length > 0) return strict && read.notes.length > 0 ? null : read;
  const deadlineOnly = !strict && read.notes.length === 0 && read.deadlines.length > 0 && DEADLINE_ONLY.test(simple);
  return deadlineOnly ? read : null;
}

/** Whether the names a clause lists (role words taken off) read as bodies: all of them, or some. */
function namesBodies(clause: string, how: 'all' | 'some' | 'any'): boolean {
  if (/[：:]/u.test(clause)) return false;
  const names = readResponsibility([clause]).departments;
  if (names.length === 0) return false;
  if (how === 'any') return names.every((name) => name.length <= 30);
  const bodies = names.filter((name) => BODY.test(name) || name.startsWith('各'));
  return how === 'all' ? bodies.length === names.length && names.every((name) => name.length <= 30) : bodies.length > 0;
}

function prepend(parts: InlineParts, read: Omit<InlineParts, 'text'>): void {
  // Array literals, not unshift(...x): no list is spread into a call's arguments.
  parts.responsible = [...read.responsible, ...parts.responsible];
  parts.deadlines = [...read.deadlines, ...parts.deadlines];
  parts.notes = [...read.notes, ...parts.notes];
}
