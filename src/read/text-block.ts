import { roleOfHeader } from '../model/roles.js';
import { isHeaderLabel } from '../grid/header.js';
import { simplify } from '../normalize/script.js';

/**
 * Page chrome that web copies leave around a table: crumbs, share and print buttons, font-size
 * switches, visit counters, footers. A line of chrome ends the table block; before the header it is
 * text before the table like any other.
 */
// 主办单位 and 承办单位 alone are header labels (a column of departments); with more on the line, a footer.
const CHROME =
  /^(?:[•·●■▪>»\s]+$|[•·●■▪]|首页|当前位置|您的位置|您现在的位置|打印|关闭|分享|收藏|返回|上一篇|下一篇|相关链接|相关文章|相关阅读|扫一扫|版权所有|(?:主办|承办)单位(?!$)|网站标识码|网站地图|联系我们|技术支持|浏览次数|阅读次数|访问量|【字体|【字号|字号[:：]|字体[:：]|【打印|【关闭|索引号|发布机构|发文机关|组配分类|主题分类|成文日期|发文日期|发布日期|发布时间|信息来源|文号[:：])|打印本页|关闭窗口|分享到|【大】|【中】|【小】|ICP备|公网安备/u;

/** Longest line taken for chrome. */
const MAX_CHROME = 120;

/** True for a line of page chrome: navigation, buttons, counters, footers. */
export function isChrome(line: string): boolean {
  const text = line.trim();
  // Chrome is a short line; a long one is content, and is not simplified whole for nothing.
  return text !== '' && text.length <= MAX_CHROME && CHROME.test(simplify(text));
}

/** The part of a line list that holds the table, and the text before and after it. */
export interface Block {
  /** 0-based index of the table's first line (its header). */
  start: number;
  /** 0-based index just past the table's last line. */
  end: number;
}

/** The lines before a block, and those after it, as the text outside the table. */
export function outside(lines: readonly string[], block: Block): { before: string[]; after: string[] } {
  return { before: lines.slice(0, block.start), after: lines.slice(block.end) };
}

/** Known column roles among labels: a header names at least two. */
export function knownRoles(labels: readonly string[]): number {
  return new Set(labels.map((label) => roleOfHeader(label.trim())).filter((role) => role !== 'other')).size;
}

/** True when a line is one header label (短, no marker, no sentence punctuation) naming a known role. */
export function isRoleLabel(line: string): boolean {
  const text = line.trim();
  return text !== '' && isHeaderLabel(text) && roleOfHeader(text) !== 'other';
}
