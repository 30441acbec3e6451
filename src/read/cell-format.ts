/**
 * Spreadsheet number formats, as far as a task table needs them: a number shows as Excel's General
 * format shows it, a date-formatted serial as the date it shows, and percentages and fixed decimals
 * as written. Shared by the .xlsx and .xls readers.
 */

/**
 * Built-in number formats that a file refers to by id without writing their code. Ids 14 and 22 are
 * the locale's short date, written as a Chinese Excel shows them; 27–36 and 50–58 are the ids that
 * Chinese (zh-CN) Excel gives its 年月日 formats.
 */
const BUILT_IN: ReadonlyMap<number, string> = new Map([
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [14, 'yyyy/m/d'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'yyyy/m/d h:mm'],
  [27, 'yyyy"年"m"月"'],
  [28, 'm"月"d"日"'],
  [29, 'm"月"d"日"'],
  [30, 'm-d-yy'],
  [31, 'yyyy"年"m"月"d"日"'],
  [32, 'h"时"mm"分"'],
  [33, 'h"时"mm"分"ss"秒"'],
  [36, 'yyyy"年"m"月"'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mm:ss.0'],
  [50, 'yyyy"年"m"月"'],
  [51, 'm"月"d"日"'],
  [52, 'yyyy"年"m"月"'],
  [53, 'm"月"d"日"'],
  [57, 'yyyy"年"m"月"'],
  [58, 'm"月"d"日"'],
]);

/** The format code of a format id: the file's own, else the built-in one, else General. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string {
  return custom.get(id) ?? BUILT_IN.get(id) ?? 'General';
}

/** One piece of a format code: a date or time token, or literal text. */
type Piece = { token: string } | { literal: string };

const TOKEN = /^(yyyy|yyy|yy|y|e(?![+-])|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|\[h+\]|hh|h|ss|s|am\/pm|a\/p|上午\/下午|0+)/i;

/** Splits the first section of a format code into tokens and literal text. */
function pieces(code: string): Piece[] {
  const out: Piece[] = [];
  const section = firstSection(code);
  for (let i = 0; i < section.length; ) {
    const char = section[i] as string;
    if (char === '"') {
      const end = section.indexOf('"', i + 1);
      out.push({ literal: section.slice(i + 1, end < 0 ? section.length : end) });
      i = end < 0 ? section.length : end + 1;
    } else if (char === '\\') {
      out.push({ literal: section[i + 1] ?? '' });
      i += 2;
    } else if (char === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i, end < 0 ? section.length : end + 1);
      // [h] is elapsed hours; colours, conditions and locale tags ([$-804]) show nothing.
      if (/^\[h+\]$/i.test(inner)) out.push({ token: inner.toLowerCase() });
      i = end < 0 ? section.length : end + 1;
    } else if (char === '_' || char === '*') {
      // _x leaves the width of x blank, *x fills with x: neither is text of the value.
      out.push({ literal: char === '_' ? ' ' : '' });
      i += 2;
    } else {
      const match = TOKEN.exec(section.slice(i));
      if (match) {
        out.push({ token: (match[1] as string).toLowerCase() });
        i += (match[1] as string).length;
      } else {
        out.push({ literal: char });
        i += 1;
      }
    }
  }
  return out;
}

/** The part of a format code before its first unquoted ';' (the one for positive numbers). */
function firstSection(code: string): string {
  let quoted = false;
  for (let i = 0; i < code.length; i += 1) {
    if (code[i] === '"') quoted = !quoted;
    else if (code[i] === '\\') i += 1;
    else if (code[i] === ';' && !quoted) return code.slice(0, i);
  }
  return code;
}

/** True when a format code shows a date: it has a year, month or day token outside quotes. */
export function isDateFormat(code: string): boolean {
  if (/^general$/i.test(code.trim())) return false;
  const list = pieces(code);
  return list.some((p, i) => 'token' in p && (/^(y|e|d)/.test(p.token) || (p.token.startsWith('m') && !isMinute(list, i))));
}

/** An m token means minutes right after an hour or right before seconds, as Excel reads it. */
function isMinute(list: readonly Piece[], index: number): boolean {
  const piece = list[index];
  if (!piece || !('token' in piece) || (piece.token !== 'm' && piece.token !== 'mm')) return false;
  const previous = list.slice(0, index).findLast((p) => 'token' in p);
  const next = list.slice(index + 1).find((p) => 'token' in p);
  return (previous !== undefined && 'token' in previous && /^(h|\[h)/.test(previous.token)) || (next !== undefined && 'token' in next && next.token.startsWith('s'));
}

/** The date system of a workbook: 1900 (with Lotus's leap-year bug) or 1904 (old Macs). */
export type DateSystem = 1900 | 1904;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** 9999-12-31 in the 1900 system: the last day a spreadsheet can show. */
const MAX_SERIAL = 2958465;

/** Year, month, day and seconds of a serial date, or null when it is no day a spreadsheet shows. */
function dateParts(serial: number, system: DateSystem): { year: number; month: number; day: number; weekday: number; seconds: number } | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds >= 86400) {
    days += 1;
    seconds -= 86400;
  }
  if (system === 1900) {
    // Lotus 1-2-3 took 1900 for a leap year and Excel kept it: serial 60 is 1900-02-29, a day that
    // never was, and serials before it are one day later than a true count from 1899-12-31.
    if (days === 60) return { year: 1900, month: 2, day: 29, weekday: 3, seconds };
    if (days === 0) return { year: 1900, month: 1, day: 0, weekday: 6, seconds };
    if (days < 60) days += 1;
  }
  const epoch = system === 1900 ? Date.UTC(1899, 11, 30) : Date.UTC(1904, 0, 1);
  const date = new Date(epoch + days * 86400000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay(), seconds };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Shows a serial date as its format code shows it ("2016年6月30日", "2016/6/30"), or null when the
 * serial is no date a spreadsheet can show. Minutes are told from months as Excel does: `m` right
 * after an hour or right before seconds is minutes.
 */
export function formatDate(serial: number, code: string, system: DateSystem): string | null {
  const parts = dateParts(serial, system);
  if (!parts) return null;
  const list = pieces(code);
  const hour24 = parts.seconds / 3600;
  const twelveHour = list.some((p) => 'token' in p && /^(am\/pm|a\/p|上午\/下午)$/.test(p.token));
  let out = '';
  list.forEach((piece, i) => {
    if ('literal' in piece) {
      out += piece.literal;
      return;
    }
    const t = piece.token;
    const minute = isMinute(list, i);
    if (minute) out += t === 'mm' ? pad(Math.floor(parts.seconds / 60) % 60) : String(Math.floor(parts.seconds / 60) % 60);
    else if (t === 'yyyy' || t === 'yyy' || t === 'e') out += String(parts.year);
    else if (t === 'yy' || t === 'y') out += pad(parts.year % 100);
    else if (t === 'mmmmm') out += (MONTHS[parts.month - 1] as string)[0];
    else if (t === 'mmmm' || t === 'mmm') out += MONTHS[parts.month - 1];
    else if (t === 'mm') out += pad(parts.month);
    else if (t === 'm') out += String(parts.month);
    else if (t === 'dddd' || t === 'ddd') out += `星期${DAYS[parts.weekday]}`;
    else if (t === 'dd') out += pad(parts.day);
    else if (t === 'd') out += String(parts.day);
    else if (t.startsWith('[h')) out += String(Math.floor(serial * 24));
    else if (t === 'hh' || t === 'h') {
      const hour = Math.floor(hour24);
      const shown = twelveHour ? ((hour + 11) % 12) + 1 : hour;
      out += t === 'hh' ? pad(shown) : String(shown);
    } else if (t === 'ss' || t === 's') out += t === 'ss' ? pad(parts.seconds % 60) : String(parts.seconds % 60);
    else if (t === 'am/pm') out += hour24 < 12 ? 'AM' : 'PM';
    else if (t === 'a/p') out += hour24 < 12 ? 'A' : 'P';
    else if (t === '上午/下午') out += hour24 < 12 ? '上午' : '下午';
    else out += t;
  });
  return out.trim();
}

/**
 * Shows a number as its format shows it: General gives the shortest form of the value to 15
 * significant digits (1, not 1.0; 0.3, not 0.30000000000000004); percentages and fixed decimals
 * (0.00, #,##0) as written. A date format gives the date. Other codes fall back to General.
 */
export function formatNumber(value: number, code: string, system: DateSystem): string {
  if (isDateFormat(code)) return formatDate(value, code, system) ?? general(value);
  // Literal text around the digits ("第"0"项", 0"个", #,##0 元) is kept; the digits are formatted.
  const section = firstSection(code).replace(/\[[^\]]*\]/g, '');
  const literal = (text: string) => text.replace(/"([^"]*)"|\\(.)|[_*]./g, (_, quoted?: string, escaped?: string) => quoted ?? escaped ?? '');
  const fixed = /^((?:"[^"]*"|\\.|[^#0,.%"\\])*)([#0,]*0)(?:\.(0+))?(%?)((?:"[^"]*"|\\.|[^#0,.%"\\])*)$/.exec(section.trim());
  if (!fixed) return general(value);
  const [, prefix = '', whole = '', decimals = '', percent, suffix = ''] = fixed;
  const shown = (percent ? value * 100 : value).toFixed(decimals.length);
  const grouped = whole.includes(',') ? shown.replace(/^(-?\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ',')) : shown;
  return `${literal(prefix)}${grouped}${percent}${literal(suffix)}`;
}

/** Excel's General format for a value: whole numbers as integers, others to 15 significant digits. */
export function general(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(Number(value.toPrecision(15)));
}
