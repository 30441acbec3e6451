import { describe, expect, it } from 'vitest';
import { formatCode, formatDate, formatNumber, general, isDateFormat } from '../../src/read/cell-format.js';

describe('spreadsheet number formats', () => {
  it('tells date formats from others, minutes from months', () => {
    expect(['yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy-mm-dd;@', 'd-mmm-yy', 'mm/dd', 'e"年"m"月"'].map(isDateFormat)).not.toContain(false);
    expect(['General', '0.00', '0%', '0.00E+00', 'h:mm', 'mm:ss', '[h]:mm:ss', '#,##0 "元"', '@'].map(isDateFormat)).not.toContain(true);
  });

  it('knows the built-in ids a file leaves unwritten, Chinese 年月日 ones included', () => {
    expect(formatCode(14, new Map())).toBe('yyyy/m/d');
    expect(formatCode(31, new Map())).toBe('yyyy"年"m"月"d"日"');
    expect(formatCode(176, new Map([[176, 'yyyy.mm']]))).toBe('yyyy.mm');
    expect(formatCode(999, new Map())).toBe('General');
  });

  it('shows serials as their format does, times included', () => {
    expect(formatDate(45473, 'yyyy"年"m"月"d"日"', 1900)).toBe('2024年6月30日');
    expect(formatDate(45473.5, 'yyyy/m/d h:mm', 1900)).toBe('2024/6/30 12:00');
    expect(formatDate(45473.75, 'yyyy-mm-dd hh:mm:ss AM/PM', 1900)).toBe('2024-06-30 06:00:00 PM');
    expect(formatDate(45473, 'yy.mm.dd dddd', 1900)).toBe('24.06.30 星期日');
    expect(formatDate(45473, 'mmm d', 1900)).toBe('Jun 30');
    expect(formatDate(-1, 'yyyy', 1900)).toBeNull();
    expect(formatDate(0, 'yyyy/m/d', 1904)).toBe('1904/1/1');
  });

  it('shows numbers as General, fixed decimals and percentages show them', () => {
    expect(general(1)).toBe('1');
    expect(general(0.1 + 0.2)).toBe('0.3');
    expect(general(-2.5)).toBe('-2.5');
    expect(formatNumber(1234.5, '#,##0.00', 1900)).toBe('1,234.50');
    expect(formatNumber(0.875, '0%', 1900)).toBe('88%');
    expect(formatNumber(7, '"第"0"项"', 1900)).toBe('第7项');
    expect(formatNumber(1200, '#,##0 "元";[Red]-#,##0 "元"', 1900)).toBe('1,200 元');
    expect(formatNumber(3, '0\\个', 1900)).toBe('3个');
    expect(formatNumber(0.5, '0.00E+00', 1900)).toBe('0.5');
    expect(formatNumber(45473, 'yyyy/m/d', 1900)).toBe('2024/6/30');
    expect(formatNumber(9e9, 'yyyy/m/d', 1900)).toBe('9000000000');
  });
});
