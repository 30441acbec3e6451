import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index.js';
import { openOle } from '../../src/read/ole.js';
import { readXls } from '../../src/read/xls.js';
import { FIXTURES } from '../helpers/fixtures.js';

const fixture = readFileSync(join(FIXTURES, 'xls-continue-sst', 'input.xls'));
const stream = (): Uint8Array => Uint8Array.from(openOle(fixture, 'f.xls').stream('Workbook') as Uint8Array);

/** An .xls whose Workbook stream is the given bytes. */
function xlsWith(workbook: Uint8Array, streamName = 'Workbook'): Uint8Array {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, `/${streamName}`, workbook);
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}

/** Offsets of the records of a stream, with their types. */
function recordsOf(bytes: Uint8Array): { type: number; offset: number; length: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { type: number; offset: number; length: number }[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4 + view.getUint16(at + 2, true)) out.push({ type: view.getUint16(at, true), offset: at, length: view.getUint16(at + 2, true) });
  return out;
}

const read = (bytes: Uint8Array, name = 'f.xls') => parse(bytes, { fileName: name });

describe('readXls', () => {
  it('reads the cells of every worksheet, strings split by CONTINUE records included', () => {
    const tables = readXls(openOle(fixture, 'f.xls'), 'f.xls').tables;
    const text = tables.map((t) => t.rows.map((row) => row.cells.map((c) => c.paragraphs.join('⏎'))));
    expect(text[0]![2]).toEqual(['一、推进决策公开', '1、完善重大行政决策预公开制度，扩大公众参与范围', '建立决策预公开目录，提前公布年度重大决策事项', '区司法局⏎区政务办', '2024年6月30日']);
    expect(text[0]![3]).toEqual(['公开重大决策草案、决策依据，广泛听取公众意见', '2024/9/30']);
    expect(text[0]![5]).toEqual(['ABC任务清单', '区发改委', 'TRUE']);
    expect(text[0]![4]).toEqual(['2、加强政策解读', '开展决策后评估', '区发改委', '#N/A']);
    // 8-bit characters that are GBK bytes under CODEPAGE 936, and a MULRK of two numbers.
    expect(text[1]).toEqual([['项目名称', ''], ['区委办公室', ''], ['7', '8']]);
    expect(tables.map((t) => t.sheet)).toEqual([
      { name: '台账', hidden: false },
      { name: '备用', hidden: true },
    ]);
  });

  it('refuses an encrypted workbook (FILEPASS) as unsupported-format, saying so', async () => {
    const bytes = stream();
    const bof = recordsOf(bytes)[0]!;
    const at = bof.offset + 4 + bof.length;
    const filepass = [0x2f, 0x00, 0x02, 0x00, 0x01, 0x00];
    const out = new Uint8Array([...bytes.subarray(0, at), ...filepass, ...bytes.subarray(at)]);
    await expect(read(xlsWith(out))).rejects.toMatchObject({ code: 'unsupported-format', message: expect.stringMatching(/^f\.xls: .*encrypted/) });
  });

  it('refuses Excel 5.0/95 (BIFF5) workbooks by name', async () => {
    const bytes = stream();
    bytes[4] = 0x00;
    bytes[5] = 0x05;
    await expect(read(xlsWith(bytes, 'Book'))).rejects.toMatchObject({ code: 'unsupported-format', message: expect.stringMatching(/Excel 5\.0\/95/) });
  });

  it('checks the SST count against its bytes before reading strings', async () => {
    const bytes = stream();
    const sst = recordsOf(bytes).find((r) => r.type === 0x00fc)!;
    new DataView(bytes.buffer).setUint32(sst.offset + 8, 0x7fffffff, true);
    await expect(read(xlsWith(bytes))).rejects.toMatchObject({ code: 'corrupt-file', message: expect.stringMatching(/declares 2147483647 strings/) });
  });

  it('bounds every record by the stream: truncated streams and sheets past the end are corrupt-file', async () => {
    const bytes = stream();
    for (const cut of [10, 200, bytes.length - 3]) {
      await expect(read(xlsWith(bytes.subarray(0, cut)))).rejects.toMatchObject({ code: 'corrupt-file' });
    }
    const sheet = recordsOf(bytes).find((r) => r.type === 0x0085)!;
    new DataView(bytes.buffer).setUint32(sheet.offset + 4, 0x00ffffff, true);
    await expect(read(xlsWith(bytes))).rejects.toMatchObject({ code: 'corrupt-file', message: expect.stringMatching(/starts past the end/) });
  });

  it('refuses a string that runs past its record as corrupt-file', async () => {
    const bytes = stream();
    const label = recordsOf(bytes).find((r) => r.type === 0x0204)!;
    new DataView(bytes.buffer).setUint16(label.offset + 4 + 6, 0xffff, true);
    await expect(read(xlsWith(bytes))).rejects.toMatchObject({ code: 'corrupt-file', message: expect.stringMatching(/sheet "台账" is damaged/) });
  });

  it('counts cells against maxCells while reading', async () => {
    await expect(parse(fixture, { fileName: 'f.xls', maxCells: 5 })).rejects.toMatchObject({ code: 'limit-exceeded' });
  });
});
