import CFB from 'cfb';

/**
 * A small writer of Word 97 binary files ([MS-DOC]) for tests that need structures LibreOffice does
 * not write: compressed and split pieces, field codes, special characters, horizontal merges by
 * sprmTMerge, sprmTWidthBefore, tracked deletions, encryption flags. It writes what the reader reads
 * and nothing else: a FIB, the text, PAPX and CHPX FKPs, a CLX, PlcBtePapx and PlcBteChpx.
 */

/** One paragraph: its text including its mark (\r, or \x07 for a cell or row end) and its sprms. */
export interface DocParagraph {
  text: string;
  sprms?: number[];
}

export interface DocSpec {
  paragraphs: DocParagraph[];
  /** Where pieces start (character positions) and which are compressed; default one Unicode piece. */
  pieces?: { cp: number; compressed: boolean }[];
  /** Character runs with sprms (for tracked deletions), by character position. */
  runs?: { from: number; to: number; sprms: number[] }[];
  nFib?: number;
  /** Extra FibBase flag bits (0x0100 encrypted). */
  flags?: number;
  /** Changes to make to the streams before they are stored (for hostile inputs). */
  mangle?: (streams: { word: Uint8Array; table: Uint8Array }) => { word: Uint8Array; table: Uint8Array };
}

const TEXT_AT = 1024;
const PAGE = 512;

/** Little-endian helpers for sprm lists. */
export const sprm = {
  inTable: [0x16, 0x24, 1],
  rowEnd: [0x16, 0x24, 1, 0x17, 0x24, 1],
  itap: (n: number) => [0x49, 0x66, n & 0xff, 0, 0, 0],
  innerCell: [0x4b, 0x24, 1],
  innerRowEnd: [0x4c, 0x24, 1],
  header: [0x04, 0x34, 1],
  deleted: [0x00, 0x08, 1],
  /** sprmTDefTable: cell edges (itcMac + 1 of them) and each cell's TC80 flags. */
  defTable(edges: number[], flags: number[] = []): number[] {
    const count = edges.length - 1;
    const body = [count, ...edges.flatMap(le16)];
    for (let i = 0; i < count; i += 1) body.push(...le16(flags[i] ?? 0), ...new Array<number>(18).fill(0));
    return [0x08, 0xd6, ...le16(body.length + 1), ...body];
  },
  vertMerge: (itc: number, value: number) => [0x2b, 0xd6, 2, itc, value],
  merge: (first: number, limit: number) => [0x24, 0x56, first, limit],
  split: (first: number, limit: number) => [0x25, 0x56, first, limit],
  widthBefore: (twips: number) => [0x17, 0xf6, 3, ...le16(twips)],
  widthAfter: (twips: number) => [0x18, 0xf6, 3, ...le16(twips)],
};

/** TC80 flags of sprmTDefTable: a cell that starts a vertical merge, and one merged into the cell above. */
export const TC_VERT_RESTART = 0x60;
export const TC_VERT_MERGED = 0x20;

/**
 * One table row as Word stores it: each cell's lines as paragraphs in the table, the last ending in
 * a cell mark (an empty cell one empty paragraph), then the row-end mark carrying the row's TAP.
 */
export function tableRow(cells: readonly (readonly string[])[], tap: number[]): DocParagraph[] {
  const out: DocParagraph[] = [];
  for (const lines of cells) {
    const shown = lines.length > 0 ? lines : [''];
    shown.forEach((line, i) => out.push({ text: `${line}${i === shown.length - 1 ? '\x07' : '\r'}`, sprms: sprm.inTable }));
  }
  out.push({ text: '\x07', sprms: [...sprm.rowEnd, ...tap] });
  return out;
}

function le16(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff];
}

/** Lays out the text in pieces: Unicode pieces in order from TEXT_AT, compressed ones after them. */
function layout(text: string, pieces: NonNullable<DocSpec['pieces']>) {
  const unicodeBytes: number[] = [];
  const compressedBytes: number[] = [];
  const placed = pieces.map((piece, i) => {
    const end = pieces[i + 1]?.cp ?? text.length;
    const chars = text.slice(piece.cp, end);
    if (piece.compressed) {
      const start = compressedBytes.length;
      for (const ch of chars) compressedBytes.push(cp1252(ch));
      return { ...piece, end, start, unicode: false };
    }
    const start = unicodeBytes.length;
    for (let k = 0; k < chars.length; k += 1) unicodeBytes.push(...le16(chars.charCodeAt(k)));
    return { ...piece, end, start, unicode: true };
  });
  const compressedAt = TEXT_AT + unicodeBytes.length;
  const fcOf = (cp: number) => {
    const piece = placed.find((p) => p.cp <= cp && cp < p.end) ?? placed.at(-1)!;
    return piece.unicode ? TEXT_AT + piece.start + 2 * (cp - piece.cp) : compressedAt + piece.start + (cp - piece.cp);
  };
  const pcds = placed.map((p) => (p.unicode ? TEXT_AT + p.start : (0x40000000 | ((compressedAt + p.start) * 2)) >>> 0));
  return { bytes: [...unicodeBytes, ...compressedBytes], fcOf, pcds };
}

const CP1252_BACK = new Map([
  ['\u201c', 0x93],
  ['\u201d', 0x94],
  ['\u2013', 0x96],
  ['\u2014', 0x97],
]);

function cp1252(ch: string): number {
  const code = ch.charCodeAt(0);
  const mapped = CP1252_BACK.get(ch);
  if (mapped !== undefined) return mapped;
  if (code > 0xff) throw new Error(`${ch} does not fit a compressed piece`);
  return code;
}

/** FKP pages for entries [fc, fc + width) with grpprls; PAPX pages add an istd, CHPX pages do not. */
function fkps(sparse: { fc: number; end: number; grpprl: number[] }[], kind: 'papx' | 'chpx'): { pages: Uint8Array[]; firsts: number[]; last: number } {
  // An FKP's runs are contiguous (each ends where the next starts); gaps get runs without properties.
  const entries: typeof sparse = [];
  for (const entry of sparse) {
    const previous = entries.at(-1);
    if (previous && previous.end < entry.fc) entries.push({ fc: previous.end, end: entry.fc, grpprl: [] });
    entries.push(entry);
  }
  const pages: Uint8Array[] = [];
  const firsts: number[] = [];
  let i = 0;
  while (i < entries.length) {
    const page = new Uint8Array(PAGE);
    const view = new DataView(page.buffer);
    const entry = kind === 'papx' ? 13 : 1;
    let top = PAGE - 1;
    const taken: typeof entries = [];
    while (i < entries.length) {
      const { grpprl } = entries[i]!;
      if (grpprl.length === 0) {
        // No properties: a zero offset, and no record on the page.
        const count = taken.length + 1;
        if (top < 4 * (count + 1) + entry * count) break;
        taken.push({ ...entries[i]!, grpprl: [0] });
        i += 1;
        continue;
      }
      const body = kind === 'papx' ? [0, 0, ...grpprl] : grpprl;
      const size = kind === 'papx' ? (body.length % 2 === 1 ? [(body.length + 1) / 2] : [0, body.length / 2]) : [body.length];
      const record = [...size, ...body];
      const start = (top - record.length) & ~1;
      const count = taken.length + 1;
      if (start < 4 * (count + 1) + entry * count) break;
      page.set(record, start);
      taken.push({ ...entries[i]!, grpprl: [start / 2] });
      top = start;
      i += 1;
    }
    taken.forEach((e, k) => {
      view.setUint32(4 * k, e.fc, true);
      page[4 * (taken.length + 1) + entry * k] = e.grpprl[0]!;
    });
    view.setUint32(4 * taken.length, taken.at(-1)!.end, true);
    page[PAGE - 1] = taken.length;
    pages.push(page);
    firsts.push(taken[0]!.fc);
  }
  return { pages, firsts, last: entries.at(-1)?.end ?? 0 };
}

function plcBte(firsts: number[], last: number, firstPage: number): number[] {
  const out: number[] = [];
  for (const fc of [...firsts, last]) out.push(...le32(fc));
  firsts.forEach((_, i) => out.push(...le32(firstPage + i)));
  return out;
}

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** Writes a .doc (an OLE file with WordDocument and 1Table streams) from paragraphs. */
export function writeDoc(spec: DocSpec): Uint8Array {
  const text = spec.paragraphs.map((p) => p.text).join('');
  const { bytes, fcOf, pcds } = layout(text, spec.pieces ?? [{ cp: 0, compressed: false }]);
  const paragraphEntries: { fc: number; end: number; grpprl: number[] }[] = [];
  let cp = 0;
  for (const p of spec.paragraphs) {
    cp += p.text.length;
    const fc = fcOf(cp - 1);
    paragraphEntries.push({ fc, end: fc + 1, grpprl: p.sprms ?? [] });
  }
  paragraphEntries.sort((a, b) => a.fc - b.fc);
  const runEntries = (spec.runs ?? []).flatMap((run) => {
    const out: { fc: number; end: number; grpprl: number[] }[] = [];
    for (let c = run.from; c < run.to; c += 1) out.push({ fc: fcOf(c), end: fcOf(c) + 1, grpprl: run.sprms });
    return out;
  });
  runEntries.sort((a, b) => a.fc - b.fc);

  const textEnd = TEXT_AT + bytes.length;
  const firstPage = Math.ceil(textEnd / PAGE);
  const papx = fkps(paragraphEntries, 'papx');
  const chpx = runEntries.length > 0 ? fkps(runEntries, 'chpx') : { pages: [], firsts: [], last: 0 };
  const word = new Uint8Array((firstPage + papx.pages.length + chpx.pages.length) * PAGE);
  word.set(bytes, TEXT_AT);
  papx.pages.forEach((page, i) => word.set(page, (firstPage + i) * PAGE));
  chpx.pages.forEach((page, i) => word.set(page, (firstPage + papx.pages.length + i) * PAGE));

  // The table stream: CLX, then the two PlcBtes.
  const count = pcds.length;
  const plcPcd: number[] = [];
  for (const piece of spec.pieces ?? [{ cp: 0 }]) plcPcd.push(...le32(piece.cp));
  plcPcd.push(...le32(text.length));
  for (const fc of pcds) plcPcd.push(0, 0, ...le32(fc), 0, 0);
  const clx = [0x02, ...le32(4 * (count + 1) + 8 * count), ...plcPcd];
  const btePapx = plcBte(papx.firsts, papx.last, firstPage);
  const bteChpx = chpx.pages.length > 0 ? plcBte(chpx.firsts, chpx.last, firstPage + papx.pages.length) : [];
  const table = new Uint8Array([...clx, ...btePapx, ...bteChpx]);

  const view = new DataView(word.buffer);
  view.setUint16(0, 0xa5ec, true);
  view.setUint16(2, spec.nFib ?? 0x00c1, true);
  view.setUint16(0x0a, 0x0200 | (count > 1 ? 0x0004 : 0) | (spec.flags ?? 0), true);
  view.setUint16(32, 14, true);
  view.setUint16(62, 22, true);
  view.setInt32(64 + 12, text.length, true);
  view.setUint16(152, 0x5d, true);
  const pair = (index: number, fc: number, lcb: number) => {
    view.setUint32(154 + 8 * index, fc, true);
    view.setUint32(154 + 8 * index + 4, lcb, true);
  };
  pair(33, 0, clx.length);
  pair(13, clx.length, btePapx.length);
  pair(12, clx.length + btePapx.length, bteChpx.length);

  const streams = spec.mangle ? spec.mangle({ word, table }) : { word, table };
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/WordDocument', streams.word);
  CFB.utils.cfb_add(container, '/1Table', streams.table);
  return new Uint8Array(CFB.write(container, { type: 'array' }) as number[]);
}
