import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/normalize/deadlines.js';

/** A cell, the table's year, and the day and continuity it should yield. */
type Case = [text: string, year: number | null, due: string | null, ongoing?: boolean];

const check = ([text, year, due, ongoing = false]: Case) => {
  expect(parseDeadline(text, year)).toMatchObject({ due, ongoing });
};

describe('parseDeadline', () => {
  it.each<Case>([
    ['2016年6月底前', 2016, '2016-06-30'],
    ['2016年6月底', 2016, '2016-06-30'],
    ['6月底前', 2016, '2016-06-30'],
    ['6月底', 2016, '2016-06-30'],
    ['6月末', 2016, '2016-06-30'],
    ['6月底之前', 2016, '2016-06-30'],
    ['6月底以前完成', 2016, '2016-06-30'],
    ['截至6月底', 2016, '2016-06-30'],
    ['6月份底前', 2016, '2016-06-30'],
    ['11月底前', 2016, '2016-11-30'],
    ['12月底前', 2016, '2016-12-31'],
    ['六月底前', 2016, '2016-06-30'],
    ['十二月底', 2016, '2016-12-31'],
    ['十一月底前', 2016, '2016-11-30'],
    ['二〇一六年六月底前', null, '2016-06-30'],
    ['6月底前', null, null],
  ])('month end: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['2月底', 2016, '2016-02-29'],
    ['2月底前', 2015, '2015-02-28'],
    ['2月底', 2000, '2000-02-29'],
    ['2月底', 1900, '1900-02-28'],
    ['2月底', 2100, '2100-02-28'],
    ['2月29日前', 2016, '2016-02-29'],
    ['2月29日前', 2015, null],
  ])('leap years: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['6月30日前', 2016, '2016-06-30'],
    ['6月30日', 2016, '2016-06-30'],
    ['6月30号前', 2016, '2016-06-30'],
    ['6月30日之前', 2016, '2016-06-30'],
    ['2016年6月30日前', null, '2016-06-30'],
    ['2016年12月31日前完成', 2016, '2016-12-31'],
    ['六月三十日前', 2016, '2016-06-30'],
    ['2016.6.30', null, '2016-06-30'],
    ['2016.06.30前', null, '2016-06-30'],
    ['2016-06-30', null, '2016-06-30'],
    ['2016/6/30', null, '2016-06-30'],
    ['２０１６年６月３０日前', null, '2016-06-30'],
    ['２０１６．６．３０', null, '2016-06-30'],
    // PDF extraction often yields the Kangxi radical ⽉ (U+2F49) for 月.
    ['2016年6\u2f49底前', null, '2016-06-30'],
  ])('a named day: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['年底前', 2016, '2016-12-31'],
    ['年底', 2016, '2016-12-31'],
    ['年内', 2016, '2016-12-31'],
    ['年内完成', 2016, '2016-12-31'],
    ['年末', 2016, '2016-12-31'],
    ['全年', 2016, '2016-12-31'],
    ['本年度内', 2016, '2016-12-31'],
    ['年度内', 2016, '2016-12-31'],
    ['今年底前', 2016, '2016-12-31'],
    ['2016年底前', null, '2016-12-31'],
    ['2016年年底前', null, '2016-12-31'],
    ['2016年内', null, '2016-12-31'],
    ['2016年度内完成', null, '2016-12-31'],
    ['2016年全年', null, '2016-12-31'],
    ['全年不少于4次', 2021, '2021-12-31'],
    ['年底前', null, null],
    ['年内', null, null],
    ['全年', null, null],
    ['本年度内', null, null],
  ])('the end of the year: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['第三季度末', 2016, '2016-09-30'],
    ['三季度末前', 2016, '2016-09-30'],
    ['第3季度末', 2016, '2016-09-30'],
    ['第三季度底', 2016, '2016-09-30'],
    ['一季度末', 2016, '2016-03-31'],
    ['第二季度末前', 2016, '2016-06-30'],
    ['第四季度末', 2016, '2016-12-31'],
    ['2017年第一季度末', 2016, '2017-03-31'],
    ['第三季度末', null, null],
    ['上半年', 2016, '2016-06-30'],
    ['上半年完成', 2016, '2016-06-30'],
    ['年中', 2016, '2016-06-30'],
    ['下半年', 2016, '2016-12-31'],
    ['2017年上半年', 2016, '2017-06-30'],
    ['上半年', null, null],
  ])('quarters and halves: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['8月前', 2016, null],
    ['8月', 2016, null],
    ['8月份', 2016, null],
    ['2016年8月', 2016, null],
    ['2016.8', 2016, null],
    ['第三季度', 2016, null],
    ['一季度', 2016, null],
    ['9月中旬', 2016, null],
    ['9月上旬', 2016, null],
    ['9月下旬前', 2016, null],
    ['年初', 2016, null],
    ['2016年', 2016, null],
    ['2016-2017年', 2016, null],
    ['16年底', 2016, null],
    ['及时', 2016, null],
    ['按规定时限', 2016, null],
    ['立即', 2016, null],
    ['6月底左右', 2016, null],
    ['6月底前后', 2016, null],
  ])('the day left open: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['两年内', 2016, null],
    ['3年内完成', 2016, null],
    ['一年内', 2016, null],
    ['6个月内', 2016, null],
    ['批准后20日内', 2016, null],
    ['20个工作日内', 2016, null],
  ])('a span of time is not the table year: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['2017年3月底前', 2016, '2017-03-31'],
    ['2017年3月底前', null, '2017-03-31'],
    ['2017年底前', 2016, '2017-12-31'],
    ['明年底前', 2016, '2017-12-31'],
    ['次年6月底前', 2016, '2017-06-30'],
    ['明年底前', null, null],
  ])('an explicit year wins: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['持续推进', 2016, null, true],
    ['长期坚持', 2016, null, true],
    ['长期推进', 2016, null, true],
    ['常态化', 2016, null, true],
    ['常态化推进', 2016, null, true],
    ['持续开展', 2016, null, true],
    ['长期', 2016, null, true],
    ['持续', 2016, null, true],
    ['常年', 2016, null, true],
    ['日常', 2016, null, true],
    ['每年', 2016, null, true],
    ['每季度', 2016, null, true],
    ['每月', 2016, null, true],
    ['每半年', 2016, null, true],
    ['定期', 2016, null, true],
    ['按月', 2016, null, true],
    ['按季度', 2016, null, true],
    ['逐年推进', 2016, null, true],
    ['常抓不懈', 2016, null, true],
    ['每季度末', 2016, null, true],
    ['每月10日前', 2016, null, true],
    ['全年持续', 2016, '2016-12-31', true],
    ['2016年6月底前完成，此后持续推进', 2016, '2016-06-30', true],
    ['年底前完成，并长期坚持', 2016, '2016-12-31', true],
    ['每年6月底前', 2016, '2016-06-30', true],
    ['每年年底前', 2016, '2016-12-31', true],
    ['6月底前', 2016, '2016-06-30', false],
  ])('ongoing: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['6月底前完成初稿，9月底前完成', 2016, '2016-09-30'],
    ['6月底前完成初稿；\n9月底前完成', 2016, '2016-09-30'],
    ['2016年6月底前出台方案，2017年6月底前全面完成', 2016, '2017-06-30'],
    ['2017年3月底前完成初稿，6月底前定稿', 2016, '2017-06-30'],
    ['6月底前完成，年底前全面完成', 2016, '2016-12-31'],
    ['3月至6月底', 2016, '2016-06-30'],
    ['2016年10月至2017年3月底', 2016, '2017-03-31'],
    ['年初至年底', 2016, '2016-12-31'],
    ['6月底前完成初稿，9月完成', 2016, null],
  ])('several dates, the last one counts: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['2016年7月起', 2016, null],
    ['自2016年7月1日起施行', 2016, null],
    ['2016年起', 2016, null],
    ['7月以后持续推进', 2016, null, true],
    ['2016年6月底前完成，7月后长期坚持', 2016, '2016-06-30', true],
    ['6月底起草完成', 2016, '2016-06-30'],
  ])('a start is not a deadline: %s (%s)', (...row) => check(row));

  it.each<Case>([
    ['2月30日', 2016, null],
    ['6月31日前', 2016, null],
    ['13月', 2016, null],
    ['13月底前', 2016, null],
    ['0月底', 2016, null],
    ['6月0日', 2016, null],
    ['第五季度末', 2016, null],
    ['2016.13.1', 2016, null],
    ['2016/2/30', 2016, null],
    ['6月底', 99999, null],
  ])('invalid dates: %s (%s)', (...row) => check(row));

  it('keeps the cell as written, whitespace-normalized', () => {
    expect(parseDeadline(' 2016 年 6 月底前\n完成 ', 2016)).toEqual({
      text: '2016 年 6 月底前完成',
      due: '2016-06-30',
      ongoing: false,
    });
    expect(parseDeadline('年  底\t前', 2016)).toEqual({ text: '年底前', due: '2016-12-31', ongoing: false });
    expect(parseDeadline('持续推进', null)).toEqual({ text: '持续推进', due: null, ongoing: true });
  });

  it.each(['', '   ', '\n\t', '\u200b'])('is null for a blank cell: %j', (text) => {
    expect(parseDeadline(text, 2016)).toBeNull();
  });

  it('never throws, and due is always a real date or null', () => {
    const alphabet = Array.from('0123456789一二三十〇年月日号底末内前中季度第上下半全起后每持续.-/ ，');
    // A fixed linear congruential sequence, so that a failure is reproducible.
    let seed = 1;
    const next = (bound: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % bound;
    };
    for (let run = 0; run < 5000; run++) {
      const text = Array.from({ length: next(24) }, () => alphabet[next(alphabet.length)] ?? '').join('');
      const year = next(4) === 0 ? null : 1 + next(9999);
      const due = parseDeadline(text, year)?.due ?? null;
      if (due !== null) expect(new Date(`${due}T00:00:00Z`).toISOString().slice(0, 10), text).toBe(due);
    }
  });

  it('reads a very long cell in linear time', () => {
    const cell = '2016年6月底前完成，持续推进；'.repeat(20_000);
    expect(parseDeadline(cell, 2016)).toMatchObject({ due: '2016-06-30', ongoing: true });
  });
});
