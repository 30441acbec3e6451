import { simplify } from '../normalize/script.js';
import { ownCopy } from '../normalize/own-copy.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';

/** Words that mark a paragraph as the title of a task table, and a 表 ending it (进度表（截至10月31日）). */
const TITLE_WORDS = /(分解|分工|台账|清单|任务表|一览表|要点|方案|计划)|表(?:[（(][^（）()]*[）)])?$/;

/** An attachment label ("附件1", "附件：") that stands above a title and is not one. */
const ATTACHMENT = /^附件\s*[\d０-９一二三四五六七八九十]*\s*[:：]?$/;

/** True for an attachment label ("附件1"), which stands above a title and is neither title nor data. */
export function isAttachmentLabel(text: string): boolean {
  return ATTACHMENT.test(normalizeWhitespace(text));
}

/**
 * Picks the title from the paragraphs before a table: the last one that reads like a title
 * (names 分解表, 台账, 要点…), else the last non-empty one that is not an attachment label.
 */
export function findTitle(before: readonly string[]): string | null {
  const candidates = before.map(normalizeWhitespace).filter((p) => p !== '' && !ATTACHMENT.test(p));
  // A line of page metadata (发布时间:… | 浏览次数:… | 标题) is no title, whatever it ends with.
  const title = candidates.findLast((p) => !p.includes('|') && TITLE_WORDS.test(simplify(p))) ?? candidates.at(-1) ?? null;
  // A copy: the model outlives the input, which a slice of it (a title line is one) would keep whole.
  return title === null ? null : ownCopy(title);
}

/** A four-digit year from 1949 to 2099 followed by 年, as in "2016年". */
const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/;

/** The year a title names, else the first year named in the text before the table. */
export function findYear(title: string | null, before: readonly string[]): number | null {
  for (const text of [title ?? '', ...before]) {
    const match = YEAR.exec(text);
    if (match && Number(match[1]) >= 1949) return Number(match[1]);
  }
  return null;
}
