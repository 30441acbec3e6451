import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { inflateLargeZipEntry, inflateZipEntry, readZipEntry } from '../../src/read/zip.js';

/** An entry for {@link writeZip}: its data as stored, and the sizes its headers declare. */
interface Entry {
  path: string;
  stored: Uint8Array;
  method?: number;
  /** The inflated size the headers declare; the real one unless a test makes them lie. */
  size: number;
  flags?: number;
}

/** A deflated entry whose headers tell the truth, unless `declared` says otherwise. */
function deflated(path: string, text: string | Uint8Array, declared?: number): Entry {
  const data = typeof text === 'string' ? strToU8(text) : text;
  return { path, stored: deflateSync(data), method: 8, size: declared ?? data.length };
}

/**
 * Writes a zip archive byte by byte, so that tests can make its headers lie or use ZIP64 records,
 * which no well-behaved writer does on request.
 */
function writeZip(entries: Entry[], options: { zip64?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.path);
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, entry.flags ?? 0, true);
      v.setUint16(8, entry.method ?? 8, true);
      v.setUint32(18, entry.stored.length, true);
      v.setUint32(22, entry.size, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    const extra = options.zip64 ? 4 + 24 : 0;
    const record = header(46 + name.length + extra, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 45, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, entry.flags ?? 0, true);
      v.setUint16(10, entry.method ?? 8, true);
      v.setUint32(20, options.zip64 ? 0xffffffff : entry.stored.length, true);
      v.setUint32(24, options.zip64 ? 0xffffffff : entry.size, true);
      v.setUint16(28, name.length, true);
      v.setUint16(30, extra, true);
      v.setUint32(42, options.zip64 ? 0xffffffff : offset, true);
      if (options.zip64) {
        const at = 46 + name.length;
        v.setUint16(at, 0x0001, true);
        v.setUint16(at + 2, 24, true);
        v.setBigUint64(at + 4, BigInt(entry.size), true);
        v.setBigUint64(at + 12, BigInt(entry.stored.length), true);
        v.setBigUint64(at + 20, BigInt(offset), true);
      }
    });
    record.set(name, 46);
    parts.push(local, entry.stored);
    central.push(record);
    offset += local.length + entry.stored.length;
  }
  const centralSize = central.reduce((sum, c) => sum + c.length, 0);
  const tail: Uint8Array[] = [];
  if (options.zip64) {
    const record64 = offset + centralSize;
    tail.push(
      header(56, (v) => {
        v.setUint32(0, 0x06064b50, true);
        v.setBigUint64(4, 44n, true);
        v.setBigUint64(24, BigInt(entries.length), true);
        v.setBigUint64(32, BigInt(entries.length), true);
        v.setBigUint64(40, BigInt(centralSize), true);
        v.setBigUint64(48, BigInt(offset), true);
      }),
      header(20, (v) => {
        v.setUint32(0, 0x07064b50, true);
        v.setBigUint64(8, BigInt(record64), true);
        v.setUint32(16, 1, true);
      }),
    );
  }
  tail.push(
    header(22, (v) => {
      v.setUint32(0, 0x06054b50, true);
      v.setUint16(8, options.zip64 ? 0xffff : entries.length, true);
      v.setUint16(10, options.zip64 ? 0xffff : entries.length, true);
      v.setUint32(12, centralSize, true);
      v.setUint32(16, options.zip64 ? 0xffffffff : offset, true);
    }),
  );
  return concat([...parts, ...central, ...tail]);
}

function header(length: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  fill(new DataView(bytes.buffer));
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);
const MIB = 1024 * 1024;

describe('readZipEntry', () => {
  it('reads deflated and stored entries written by a real writer', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>'), 'a.txt': [strToU8('plain'), { level: 0 }] });
    expect(text(readZipEntry(zip, 'word/document.xml', 'x.docx'))).toBe('<w:document/>');
    expect(text(readZipEntry(zip, 'a.txt', 'x.docx'))).toBe('plain');
  });

  it('returns null for an absent entry', () => {
    expect(readZipEntry(zipSync({ 'a.txt': strToU8('a') }), 'word/document.xml', 'x.docx')).toBeNull();
  });

  it('compares paths as OPC compares part names: ignoring ASCII case and a leading slash', () => {
    const zip = zipSync({ 'Word/Document.xml': strToU8('doc') });
    expect(text(readZipEntry(zip, '/word/document.xml', 'x.docx'))).toBe('doc');
  });

  it('reads an empty entry', () => {
    expect(text(readZipEntry(zipSync({ 'e.txt': new Uint8Array(0) }), 'e.txt', 'x.docx'))).toBe('');
  });

  it('reads sizes and offsets from ZIP64 records', () => {
    const zip = writeZip([deflated('a.txt', 'first'), deflated('word/document.xml', '<w:document/>')], { zip64: true });
    expect(text(readZipEntry(zip, 'word/document.xml', 'x.docx'))).toBe('<w:document/>');
  });
});

describe('limits', () => {
  it('refuses an archive whose declared sizes total more than 200 MiB, before inflating anything', () => {
    // The data is not deflate at all: had it been inflated, the error would be corrupt-docx.
    const garbage = new Uint8Array(300 * 1024).fill(0xff);
    const zip = writeZip([
      { path: 'word/document.xml', stored: garbage, size: 150 * MIB },
      { path: 'word/media/a.png', stored: garbage, size: 60 * MIB },
    ]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'big.docx')).toThrowError(
      new FenjieError('limit-exceeded', 'big.docx: the archive would inflate to 210 MiB, more than the limit of 200 MiB (option maxInflatedBytes)'),
    );
  });

  it('refuses an archive that entries it does not ask for would take past the limit', () => {
    const zip = writeZip([deflated('word/document.xml', 'small'), deflated('other.bin', new Uint8Array(4096), 2048)]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'x.docx', { maxInflatedBytes: 1024 })).toThrowError(
      new FenjieError('limit-exceeded', 'x.docx: the archive would inflate to 2.1 KiB, more than the limit of 1 KiB (option maxInflatedBytes)'),
    );
  });

  it('refuses an entry that declares more than 1000 times its compressed size', () => {
    const zip = writeZip([{ path: 'word/document.xml', stored: new Uint8Array(100).fill(0xff), size: 100_001 }]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'bomb.docx')).toThrowError(
      new FenjieError('limit-exceeded', 'bomb.docx: word/document.xml would inflate to 1000× its compressed size, more than the limit of 1000× (option maxCompressionRatio)'),
    );
    expect(readZipEntry(zip, 'nothing', 'bomb.docx', { maxCompressionRatio: 2000 })).toBeNull();
  });

  it('stops inflating as soon as the real output passes the limit when the header lies', () => {
    const zeros = new Uint8Array(8 * MIB);
    const zip = writeZip([deflated('word/document.xml', zeros, 1000)]);
    let seen = 0;
    expect(() => inflateZipEntry(zip, 'word/document.xml', 'liar.docx', (chunk) => (seen += chunk.length), { maxInflatedBytes: MIB, maxCompressionRatio: 1e9 })).toThrowError(
      new FenjieError('limit-exceeded', 'liar.docx: word/document.xml inflates past the limit of 1 MiB (option maxInflatedBytes), although the archive declares 1000 bytes'),
    );
    expect(seen).toBeLessThanOrEqual(MIB);
  });

  it('stops inflating when the real output passes the ratio limit that the header hid', () => {
    const zip = writeZip([deflated('word/document.xml', new Uint8Array(4 * MIB), 1000)]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'liar.docx')).toThrowError(
      /^liar\.docx: word\/document\.xml inflates past 1000× its compressed size \(option maxCompressionRatio\), although the archive declares \d+×$/,
    );
  });

  it('reads an archive just under the limits', () => {
    const zip = writeZip([deflated('word/document.xml', 'x'.repeat(1024))]);
    expect(readZipEntry(zip, 'word/document.xml', 'x.docx', { maxInflatedBytes: 1024 })).toHaveLength(1024);
  });
});

describe('corrupt archives', () => {
  const good = zipSync({ 'word/document.xml': strToU8('<w:document/>'.repeat(100)) });

  it.each([
    ['text that is not a zip', strToU8('hello, this is not a zip archive at all'), 'in.docx: not a zip archive, so not a .docx'],
    ['an empty file', new Uint8Array(0), 'in.docx: not a zip archive, so not a .docx'],
    ['an archive cut short', good.subarray(0, good.length - 30), 'in.docx: the zip archive is truncated (its central directory is missing)'],
    [
      'an old binary .doc',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(100)]),
      'in.docx: this is an old binary Word file (.doc) or an encrypted document, not a .docx',
    ],
  ])('refuses %s as corrupt-docx', (_what, bytes, message) => {
    expect(() => readZipEntry(bytes, 'word/document.xml', 'in.docx')).toThrowError(new FenjieError('corrupt-docx', message));
  });

  it('refuses a central directory that points past the end of the file', () => {
    const zip = writeZip([deflated('word/document.xml', 'doc')]);
    const view = new DataView(zip.buffer);
    view.setUint32(zip.length - 6, zip.length + 100, true);
    expect(() => readZipEntry(zip, 'word/document.xml', 'in.docx')).toThrowError(
      new FenjieError('corrupt-docx', 'in.docx: the zip archive is truncated (its central directory runs past the end of the file)'),
    );
  });

  it('refuses data that is not deflate', () => {
    const zip = writeZip([{ path: 'word/document.xml', stored: new Uint8Array(64).fill(0xff), size: 64 }]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'in.docx')).toThrowError(/^in\.docx: word\/document\.xml is damaged and cannot be inflated \(.+\)$/);
  });

  it('refuses a deflate stream cut short', () => {
    const data = deflateSync(strToU8('任务分解表'.repeat(1000)));
    const zip = writeZip([{ path: 'word/document.xml', stored: data.subarray(0, data.length - 10), size: 15000 }]);
    expect(() => readZipEntry(zip, 'word/document.xml', 'in.docx')).toThrowError(expect.objectContaining({ code: 'corrupt-docx' }));
  });

  it('refuses compression methods and encryption it cannot read', () => {
    const bzip = writeZip([{ ...deflated('word/document.xml', 'doc'), method: 12 }]);
    expect(() => readZipEntry(bzip, 'word/document.xml', 'in.docx')).toThrowError(
      new FenjieError('corrupt-docx', 'in.docx: word/document.xml is compressed with method 12, which fenjie cannot inflate'),
    );
    const locked = writeZip([{ ...deflated('word/document.xml', 'doc'), flags: 1 }]);
    expect(() => readZipEntry(locked, 'word/document.xml', 'in.docx')).toThrowError(new FenjieError('corrupt-docx', 'in.docx: word/document.xml is encrypted'));
  });

  it('refuses two entries of the same name, as OPC compares names, whichever is asked for', () => {
    for (const second of ['word/document.xml', 'WORD/Document.xml', '/word/document.xml']) {
      const twins = writeZip([deflated('word/document.xml', 'one'), deflated(second, 'two'), deflated('_rels/.rels', 'r')]);
      for (const asked of ['word/document.xml', '_rels/.rels']) {
        expect(() => readZipEntry(twins, asked, 'in.docx')).toThrowError(
          new FenjieError('corrupt-docx', `in.docx: the zip archive holds two entries named ${second}, so it is ambiguous which one counts`),
        );
      }
    }
  });

  it('lets errors of the consumer through unchanged', () => {
    const boom = new TypeError('consumer failed');
    expect(() =>
      inflateZipEntry(good, 'word/document.xml', 'in.docx', () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});

describe('inflateLargeZipEntry', () => {
  // Over the 32 MiB inflated natively in one piece: 40 MiB of rows that differ, as a long table's do.
  const row = (i: number) => `<w:tr><w:tc><w:p><w:r><w:t>${i}、措施${(i * 7919) % 100_003}</w:t></w:r></w:p></w:tc></w:tr>`;
  const large = strToU8(Array.from({ length: 40 * MIB / row(500_000).length }, (_, i) => row(i)).join(''));
  const deflatedLarge = deflateRawSync(large);
  const zip = (stored: Uint8Array, size: number) => writeZip([{ path: 'word/document.xml', stored, method: 8, size }]);
  const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('streams an entry too large for one piece through native zlib, a mebibyte at a time, every byte handed on', async () => {
    const chunks: Uint8Array[] = [];
    expect(await inflateLargeZipEntry(zip(deflatedLarge, large.length), 'word/document.xml', 'big.docx', (chunk) => chunks.push(Buffer.from(chunk)))).toBe(true);
    expect(large.length).toBeGreaterThan(32 * MIB);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(MIB);
    expect(digest(Buffer.concat(chunks))).toBe(digest(large));
  });

  it('reads smaller entries as inflateZipEntry does, and says when there is no such entry', async () => {
    const small = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    const chunks: Uint8Array[] = [];
    expect(await inflateLargeZipEntry(small, 'word/document.xml', 'x.docx', (chunk) => chunks.push(chunk))).toBe(true);
    expect(text(Buffer.concat(chunks))).toBe('<w:document/>');
    expect(await inflateLargeZipEntry(small, 'word/other.xml', 'x.docx', () => {})).toBe(false);
  });

  it('stops at the limit the real output passes when the header lies, having handed on no more than the limit', async () => {
    let seen = 0;
    await expect(
      inflateLargeZipEntry(zip(deflatedLarge, 33 * MIB), 'word/document.xml', 'liar.docx', (chunk) => (seen += chunk.length), { maxInflatedBytes: 36 * MIB }),
    ).rejects.toThrowError(
      new FenjieError('limit-exceeded', 'liar.docx: word/document.xml inflates past the limit of 36 MiB (option maxInflatedBytes), although the archive declares 33 MiB'),
    );
    expect(seen).toBeLessThanOrEqual(36 * MIB);
  });

  it('refuses a large deflate stream cut short as corrupt-docx', async () => {
    const cut = zip(deflatedLarge.subarray(0, deflatedLarge.length >> 1), large.length);
    await expect(inflateLargeZipEntry(cut, 'word/document.xml', 'in.docx', () => {})).rejects.toThrowError(
      /^in\.docx: word\/document\.xml is damaged and cannot be inflated \(.+\)$/,
    );
  });

  it('lets an error of the consumer through unchanged, and hands on nothing after it', async () => {
    const boom = new TypeError('consumer failed');
    let calls = 0;
    const failing = () => {
      calls += 1;
      throw boom;
    };
    await expect(inflateLargeZipEntry(zip(deflatedLarge, large.length), 'word/document.xml', 'in.docx', failing)).rejects.toBe(boom);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
  });
});
