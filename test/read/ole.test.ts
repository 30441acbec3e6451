import CFB from 'cfb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FenjieError } from '../../src/errors.js';
import { parse } from '../../src/index.js';
import { sniffBinary } from '../../src/read/container.js';
import { isOle } from '../../src/read/detect.js';
import { openOle } from '../../src/read/ole.js';

/** Builds an OLE compound file holding the named streams, with cfb's writer. */
function oleWith(streams: Record<string, string>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, new TextEncoder().encode(content));
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}

/** Builds an OLE compound file holding the named streams as bytes, with cfb's writer (version 3, 512-byte sectors). */
function oleWithBytes(streams: Record<string, Uint8Array>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, content);
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}

/** Where a stream's directory entry is: the directory's first sector holds it in cfb's small files. */
function entryOffset(bytes: Uint8Array, name: string): number {
  const directory = (new DataView(bytes.buffer).getUint32(0x30, true) + 1) * 512;
  for (let at = directory; at < directory + 512; at += 128) {
    const length = new DataView(bytes.buffer).getUint16(at + 0x40, true);
    if (new TextDecoder('utf-16le').decode(bytes.subarray(at, at + length - 2)) === name) return at;
  }
  throw new Error(`no entry ${name} in the first directory sector`);
}

const streamStart = (bytes: Uint8Array, name: string) => new DataView(bytes.buffer).getUint32(entryOffset(bytes, name) + 0x74, true);
const setStreamStart = (bytes: Uint8Array, name: string, sector: number) => new DataView(bytes.buffer).setUint32(entryOffset(bytes, name) + 0x74, sector, true);

/**
 * A compound file written by hand ([MS-CFB] 2.2 ff.), for what cfb does not write or writes too
 * slowly: version 4 (4096-byte sectors, `shift` 12) or version 3 (512-byte sectors, `shift` 9). The
 * FAT sectors come first, then the DIFAT sectors that list the FAT sectors past the header's 109
 * (a version 3 file past 7 MB has them), the directory's one sector, then each stream in sectors of
 * its own, in a row. Streams must be 4096 bytes or more: smaller ones belong in a mini stream, which
 * these files have none of.
 */
function oleByHand(streams: Record<string, Uint8Array>, shift: 9 | 12): Uint8Array {
  const SECTOR = 1 << shift;
  const per = SECTOR / 4;
  const [FREE, END, FAT_SECTOR, DIFAT_SECTOR] = [0xffffffff, 0xfffffffe, 0xfffffffd, 0xfffffffc];
  const entries = Object.entries(streams);
  const data = entries.reduce((n, [, content]) => n + Math.ceil(content.length / SECTOR), 0);
  // FAT and DIFAT sectors count themselves: settle their numbers together.
  let [fats, difats] = [1, 0];
  for (;;) {
    const needFats = Math.ceil((fats + difats + 1 + data) / per);
    const needDifats = Math.max(0, Math.ceil((needFats - 109) / (per - 1)));
    if (needFats === fats && needDifats === difats) break;
    [fats, difats] = [needFats, needDifats];
  }
  const directory = fats + difats;
  let next = directory + 1;
  const starts = entries.map(([, content]) => {
    const start = next;
    next += Math.ceil(content.length / SECTOR);
    return start;
  });
  const bytes = new Uint8Array((next + 1) * SECTOR);
  const view = new DataView(bytes.buffer);
  const sectorAt = (n: number) => (n + 1) * SECTOR;
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  [[0x18, 0x3e], [0x1a, shift === 12 ? 4 : 3], [0x1c, 0xfffe], [0x1e, shift], [0x20, 6]].forEach(([at, value]) => view.setUint16(at!, value!, true));
  [[0x28, shift === 12 ? 1 : 0], [0x2c, fats], [0x30, directory], [0x38, 4096], [0x3c, END], [0x44, difats > 0 ? fats : END], [0x48, difats]].forEach(([at, value]) => view.setUint32(at!, value!, true));
  // The FAT sectors' numbers: 109 in the header, the rest in the DIFAT sectors, each ending with the next one's number.
  for (let i = 0; i < 109; i += 1) view.setUint32(0x4c + 4 * i, i < fats ? i : FREE, true);
  for (let d = 0; d < difats; d += 1) {
    for (let i = 0; i < per - 1; i += 1) {
      const fat = 109 + d * (per - 1) + i;
      view.setUint32(sectorAt(fats + d) + 4 * i, fat < fats ? fat : FREE, true);
    }
    view.setUint32(sectorAt(fats + d) + 4 * (per - 1), d + 1 < difats ? fats + d + 1 : END, true);
  }
  const fat = (n: number, value: number) => view.setUint32(sectorAt(Math.floor(n / per)) + 4 * (n % per), value, true);
  for (let n = 0; n < fats * per; n += 1) fat(n, FREE);
  for (let n = 0; n < fats; n += 1) fat(n, FAT_SECTOR);
  for (let n = fats; n < directory; n += 1) fat(n, DIFAT_SECTOR);
  fat(directory, END);
  entries.forEach(([, content], k) => {
    const count = Math.ceil(content.length / SECTOR);
    for (let n = 0; n < count; n += 1) fat(starts[k]! + n, n === count - 1 ? END : starts[k]! + n + 1);
    bytes.set(content, sectorAt(starts[k]!));
  });
  // The directory: the root, then the streams, each the right sibling of the one before.
  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = sectorAt(directory) + 128 * index;
    for (let i = 0; i < name.length; i += 1) view.setUint16(at + 2 * i, name.charCodeAt(i), true);
    view.setUint16(at + 0x40, 2 * name.length + 2, true);
    bytes[at + 0x42] = type;
    [[0x44, FREE], [0x48, right], [0x4c, child], [0x74, start], [0x78, size]].forEach(([offset, value]) => view.setUint32(at + offset!, value!, true));
  };
  for (let index = 0; index < SECTOR / 128; index += 1) entry(index, '', 0, FREE, FREE, 0, 0);
  entry(0, 'Root Entry', 5, 1, FREE, END, 0);
  entries.forEach(([name, content], k) => entry(k + 1, name, 2, FREE, k + 2 <= entries.length ? k + 2 : FREE, starts[k]!, content.length));
  return bytes;
}

describe('OLE compound files', () => {
  it('tells Word, Excel and other OLE files apart by their streams', () => {
    expect(openOle(oleWith({ WordDocument: 'x', '1Table': 'y' }), 'a.doc').kind).toBe('doc');
    expect(openOle(oleWith({ Workbook: 'x' }), 'a.xls').kind).toBe('xls');
    expect(openOle(oleWith({ Book: 'x' }), 'a.xls').kind).toBe('xls');
    expect(openOle(oleWith({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), 'a.docx').kind).toBe('encrypted-ooxml');
    expect(openOle(oleWith({ 'PowerPoint Document': 'x' }), 'a.ppt').kind).toBe('powerpoint');
    expect(openOle(oleWith({ Contents: 'x' }), 'a.bin').kind).toBe('other');
  });

  it('gives a stream by name, case-insensitively', () => {
    const ole = openOle(oleWith({ WordDocument: 'hello' }), 'a.doc');
    expect(new TextDecoder().decode(ole.stream('worddocument') ?? undefined)).toBe('hello');
    expect(ole.stream('1Table')).toBeNull();
  });

  it('reads streams from the mini stream and from sectors, a stream laid out in a row as a view of the input', () => {
    const big = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251);
    const bytes = oleWithBytes({ Small: new TextEncoder().encode('mini'), Big: big });
    const ole = openOle(bytes, 'a.bin');
    expect(new TextDecoder().decode(ole.stream('Small') ?? undefined)).toBe('mini');
    const read = ole.stream('Big');
    expect(read).toEqual(big);
    expect(read?.buffer).toBe(bytes.buffer);
  });

  it('reads a version 4 file (4096-byte sectors)', () => {
    const word = Uint8Array.from({ length: 9_000 }, (_, i) => i % 253);
    const table = Uint8Array.from({ length: 4_096 }, (_, i) => i % 7);
    const bytes = oleByHand({ WordDocument: word, '1Table': table }, 12);
    // The file is one that cfb reads too.
    expect(Uint8Array.from(CFB.find(CFB.read(bytes, { type: 'buffer' }), 'WordDocument')?.content ?? [])).toEqual(word);
    const ole = openOle(bytes, 'a.doc');
    expect(ole.kind).toBe('doc');
    expect(ole.streams).toEqual(['WordDocument', '1Table']);
    expect(ole.stream('WordDocument')).toEqual(word);
    expect(ole.stream('1table')).toEqual(table);
  });

  it('reads every stream of random containers as cfb wrote it, and none of a storage below the root', () => {
    // Sizes on both sides of the 4,096-byte mini stream cutoff, and streams inside a storage.
    const stream = fc.record({
      name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/),
      size: fc.oneof(fc.integer({ min: 0, max: 4_200 }), fc.integer({ min: 4_000, max: 40_000 })),
      seed: fc.integer({ min: 0, max: 250 }),
      nested: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(stream, { minLength: 1, maxLength: 8, selector: (s) => s.name.toLowerCase() }), (streams) => {
        const container = CFB.utils.cfb_new();
        const contents = streams.map(({ size, seed }) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251));
        streams.forEach(({ name, nested }, k) => CFB.utils.cfb_add(container, nested ? `/Storage/${name}` : `/${name}`, contents[k]!));
        const ole = openOle(new Uint8Array(CFB.write(container, { type: 'array' }) as number[]), 'random.bin');
        streams.forEach(({ name, nested }, k) => {
          if (nested) expect(ole.stream(name)).toBeNull();
          else expect(ole.stream(name)).toEqual(contents[k]);
        });
        // cfb writes a placeholder stream of its own into every new container.
        expect(ole.streams.filter((name) => name !== '\u0001Sh33tJ5').sort()).toEqual(streams.filter((s) => !s.nested).map((s) => s.name).sort());
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it("reads a file past 7 MB, whose FAT sectors are listed in DIFAT sectors after the header's 109", () => {
    const big = Uint8Array.from({ length: 7_500_000 }, (_, i) => (i * 13) % 251);
    const table = Uint8Array.from({ length: 5_000 }, (_, i) => i % 7);
    const bytes = oleByHand({ WordDocument: big, '0Table': table }, 9);
    expect(new DataView(bytes.buffer).getUint32(0x48, true)).toBe(1);
    // The file is one that cfb reads too.
    expect(Uint8Array.from(CFB.find(CFB.read(bytes, { type: 'buffer' }), '0Table')?.content ?? [])).toEqual(table);
    const ole = openOle(bytes, 'big.doc');
    // Compared as buffers: a deep equality over 7.5 million elements takes minutes.
    expect(Buffer.from(ole.stream('WordDocument') ?? []).equals(Buffer.from(big))).toBe(true);
    expect(ole.stream('0Table')).toEqual(table);
  });

  it('gathers a stream whose sectors are out of order, following the FAT', () => {
    const big = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251);
    const bytes = oleWithBytes({ Big: big });
    // Swap the stream's first two sectors in the file and in its chain: start → s+1 → s → s+2.
    const start = streamStart(bytes, 'Big');
    const view = new DataView(bytes.buffer);
    const sectorAt = (n: number) => (n + 1) * 512;
    const first = bytes.slice(sectorAt(start), sectorAt(start) + 512);
    bytes.copyWithin(sectorAt(start), sectorAt(start + 1), sectorAt(start + 2));
    bytes.set(first, sectorAt(start + 1));
    const fat = sectorAt(view.getUint32(0x4c, true));
    view.setUint32(fat + 4 * (start + 1), start, true);
    view.setUint32(fat + 4 * start, start + 2, true);
    setStreamStart(bytes, 'Big', start + 1);
    const read = openOle(bytes, 'a.bin').stream('Big');
    expect(read).toEqual(big);
    expect(read?.buffer).not.toBe(bytes.buffer);
  });

  it('refuses a FAT chain that loops and a directory that links past its end, without hanging', () => {
    const bytes = oleWithBytes({ Big: new Uint8Array(20_000) });
    const start = streamStart(bytes, 'Big');
    const looped = bytes.slice();
    const view = new DataView(looped.buffer);
    view.setUint32((view.getUint32(0x4c, true) + 1) * 512 + 4 * (start + 3), start, true);
    expect(() => openOle(looped, 'loop.doc').stream('Big')).toThrow(/loop\.doc: the OLE container .* is damaged \(a sector chain loops/);
    const linked = bytes.slice();
    // The root entry's child (directory entry 0, offset 0x4C) pointing at entry 1000.
    new DataView(linked.buffer).setUint32((new DataView(linked.buffer).getUint32(0x30, true) + 1) * 512 + 0x4c, 1000, true);
    expect(() => openOle(linked, 'link.doc')).toThrow(/link\.doc: .*links to entry 1000/);
  });

  it('refuses a damaged container with a FenjieError, and names what other OLE files are', () => {
    const bytes = oleWith({ WordDocument: 'x' });
    expect(isOle(bytes)).toBe(true);
    expect(() => openOle(bytes.subarray(0, 600), 'cut.doc')).toThrow(FenjieError);
    expect(() => sniffBinary(oleWith({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), 'a.docx')).toThrow(/password-protected/);
    expect(() => sniffBinary(oleWith({ 'PowerPoint Document': 'x' }), 'a.ppt')).toThrow(/PowerPoint/);
  });

  it('routes a Word or Excel OLE file to its format', async () => {
    expect(sniffBinary(oleWith({ WordDocument: 'x' }), 'a.doc')?.format).toBe('doc');
    expect(sniffBinary(oleWith({ Workbook: 'x' }), 'a.et')?.format).toBe('xls');
    await expect(parse(new Uint8Array([1, 2, 3]), { format: 'xls' })).rejects.toThrow(/not a .xls file/);
  });
});

describe('zip packages', () => {
  it('tells OpenDocument, OFD and presentations from Word and Excel files', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
    expect(sniffBinary(zip({ 'word/document.xml': '<w:document/>' }), 'a.docx')?.format).toBe('docx');
    expect(sniffBinary(zip({ 'xl/workbook.xml': '<workbook/>' }), 'a.xlsx')?.format).toBe('xlsx');
    expect(() => sniffBinary(zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '' }), 'a.odt')).toThrow(/OpenDocument text/);
    expect(() => sniffBinary(zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '' }), 'a.ods')).toThrow(/OpenDocument spreadsheet/);
    expect(() => sniffBinary(zip({ 'OFD.xml': '<ofd/>' }), 'a.ofd')).toThrow(/OFD/);
    expect(() => sniffBinary(zip({ 'ppt/presentation.xml': '<p/>' }), 'a.pptx')).toThrow(/PowerPoint/);
  });
});
