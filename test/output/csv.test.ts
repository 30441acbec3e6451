import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { departmentIndexCsv, encodeCsv, parse, toCsv, type TaskTable } from '../../src/index.js';
import { csvText } from '../../src/output/csv.js';
import { encodeGb18030 } from '../../src/output/gb18030.js';
import { fixtureTable, readCsv, seedTable } from './tables.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as { encode(text: string, encoding: string): Buffer };

/** What a table says about its measures: text and departments, in order. */
function measuresOf(table: TaskTable) {
  return table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => ({ text: m.text, departments: m.departments, lead: m.lead, support: m.support }))));
}

/** CSV records as the TSV layout fenjie reads (cells with TABs, quotes or line breaks quoted). */
function asTsv(records: string[][]): string {
  const cell = (text: string) => (/[\t"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return records.map((r) => r.map(cell).join('\t')).join('\n');
}

/** CSV records as one HTML table, the first record its header. */
function asHtmlTable(records: string[][]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const row = (r: string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  return `<table>${records.map((r, i) => row(r, i === 0 ? 'th' : 'td')).join('')}</table>`;
}

describe('toCsv', () => {
  it('quotes as RFC 4180 says and ends every record with CRLF', () => {
    expect(csvText([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', null, 3]])).toBe('a,"b,c","say ""hi""","two\nlines"," padded",,3\r\n');
  });

  it('writes a header and one record per measure of the seed', async () => {
    const records = readCsv(toCsv(await seedTable()));
    expect(records).toHaveLength(50);
    expect(records[0]?.slice(0, 8)).toEqual(['文件', '部分编号', '部分', '任务编号', '任务', '序号', '具体措施', '责任部门']);
    const byHeader = (r: number) => Object.fromEntries(records[0]!.map((h, i) => [h, records[r]![i]]));
    expect(byHeader(3)).toMatchObject({
      部分编号: '1',
      部分: '推进重点领域信息公开',
      任务: '完善执法信息公开',
      具体措施: '有针对性地主动公开新出台公安改革政策措施',
      责任部门: '指挥部、法制办、市局相关单位、各分（县）局',
      部门来自合并单元格: '是',
      行: '4',
    });
  });

  it('combines several tables into one file with a 文件 column', async () => {
    const records = readCsv(toCsv([await seedTable(), await fixtureTable('family-lead-support-text')]));
    const files = new Set(records.slice(1).map((r) => r[0]));
    expect(files).toEqual(new Set(['seeds/2016-shanghai-psb-zwgk-task-table.txt', 'family-lead-support-text.txt']));
    expect(records.every((r) => r.length === records[0]?.length)).toBe(true);
  });

  it('writes the department index with its matrix', async () => {
    const records = readCsv(departmentIndexCsv(await seedTable()));
    expect(records[0]?.slice(0, 7)).toEqual(['部门', '牵头', '配合', '共同', '措施合计', '涉及任务数', '1、完善执法信息公开']);
    expect(records).toHaveLength(12);
    expect(records.find((r) => r[0] === '法制办')?.slice(1, 7)).toEqual(['0', '0', '10', '10', '5', '◆3']);
  });
});

describe('CSV round trip', () => {
  it('reading the seed\'s CSV back in the TSV layout gives the same measures and departments', async () => {
    const table = await seedTable();
    const csv = new TextDecoder().decode(encodeCsv(toCsv(table)));
    const again = await parse(asTsv(readCsv(csv)), { fileName: 'back.tsv' });
    expect(again.source.dialect).toBe('tsv');
    expect(measuresOf(again)).toEqual(measuresOf(table));
    expect(again.departments).toEqual(table.departments);
  });

  it.each(['utf-8', 'gb18030'] as const)('fenjie reads the seed\'s %s CSV file itself back to the same measures and departments', async (encoding) => {
    const table = await seedTable();
    const again = await parse(encodeCsv(toCsv(table), encoding), { fileName: 'back.csv' });
    expect(again.source.dialect).toBe('csv');
    expect(measuresOf(again)).toEqual(measuresOf(table));
    expect(again.departments).toEqual(table.departments);
  });

  // In text layouts a blank cell is a merged cell, so a blank 配合单位 under a filled one would take
  // its names; an HTML table keeps blank cells blank, as the flat rows mean them.
  it.each(['seed', 'family-lead-support-text', 'family-serial-deadline-text', 'family-phrases-text', 'family-two-row-header-text'])(
    'reading the CSV of %s back as a table gives the same measures and departments',
    async (name) => {
      const table = name === 'seed' ? await seedTable() : await fixtureTable(name);
      const records = readCsv(new TextDecoder().decode(encodeCsv(toCsv(table))));
      const again = await parse(asHtmlTable(records), { fileName: 'back.html' });
      expect(measuresOf(again)).toEqual(measuresOf(table));
      expect(again.departments).toEqual(table.departments);
    },
  );
});

describe('encodeCsv', () => {
  it('puts a UTF-8 BOM first by default, none for utf-8', () => {
    expect([...encodeCsv('部门\r\n').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(encodeCsv('部门', 'utf-8'))).toBe('部门');
  });

  it('writes GB18030 that decodes back to the text, as iconv-lite writes it', async () => {
    const text = toCsv(await seedTable());
    const bytes = encodeCsv(text, 'gb18030');
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(text);
    expect(Buffer.from(bytes).equals(iconv.encode(text, 'gb18030'))).toBe(true);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length);
  });
});

describe('encodeGb18030', () => {
  it('encodes every BMP code point so that the platform decoder reads it back', () => {
    const decoder = new TextDecoder('gb18030');
    const lost: number[] = [];
    const differ: number[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCharCode(cp);
      const bytes = encodeGb18030(char);
      if (decoder.decode(bytes) !== char) lost.push(cp);
      else if (!Buffer.from(bytes).equals(iconv.encode(char, 'gb18030'))) differ.push(cp);
    }
    // Only private-use code points that GB18030-2022 moved, which the platform's decoder never yields.
    expect(lost.every((cp) => cp >= 0xe000 && cp <= 0xf8ff)).toBe(true);
    expect(lost.length).toBeLessThan(30);
    // Where iconv-lite (GB18030-2005) differs, it is the 2022 remapping of a few ideographs and vertical forms.
    expect(differ.every((cp) => (cp >= 0x9fb4 && cp <= 0x9fbb) || (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xe000 && cp <= 0xf8ff))).toBe(true);
  });

  it('encodes code points beyond the BMP as four bytes from 0x90308130', () => {
    expect([...encodeGb18030('\u{10000}')]).toEqual([0x90, 0x30, 0x81, 0x30]);
    for (const char of ['\u{20000}', '\u{2a6d6}', '\u{10ffff}', '𠮷']) {
      expect(new TextDecoder('gb18030').decode(encodeGb18030(char))).toBe(char);
      expect(Buffer.from(encodeGb18030(char)).equals(iconv.encode(char, 'gb18030'))).toBe(true);
    }
  });

  it('writes a lone surrogate as U+FFFD', () => {
    expect(new TextDecoder('gb18030').decode(encodeGb18030('a\ud800b'))).toBe('a\ufffdb');
  });
});
