import { FenjieError } from '../errors.js';
import { DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { mergedTextLost, visibleText, type RawCell, type RawDocument, type RawParagraph, type RawRow, type RawTable } from './raw-table.js';

/**
 * The Word 97–2003 binary reader ([MS-DOC], the Word Binary File Format). Section numbers in the
 * comments are those of [MS-DOC]. The reader works on the streams of the OLE container as bytes and
 * never on the container itself, so that it stays a set of pure functions over Uint8Arrays.
 */

/** Looks up a stream of the OLE container by name ('WordDocument', '0Table', '1Table', 'Data'), or null. */
export type StreamLookup = (name: string) => Uint8Array | null;

/** The limits the .doc reader enforces while it reads. */
export interface DocLimits {
  maxCells?: number;
  maxNestingDepth?: number;
}

/** wIdent of every Word binary file from Word 6 on (2.5.2 FibBase). */
const WORD_IDENT = 0xa5ec;
/** Word 97 wrote nFib 193; Word 6.0 and 95 wrote 101 to 105, with a different FIB (2.5.2 FibBase). */
const FIRST_WORD97_NFIB = 106;
/** Fib pairs read from FibRgFcLcb97 (2.5.6), by their index in fibRgFcLcbBlob. */
const PAIR_PLCF_BTE_CHPX = 12;
const PAIR_PLCF_BTE_PAPX = 13;
const PAIR_CLX = 33;
/** Every FKP is one 512-byte page of the WordDocument stream (2.9.73 PnFkpPapx). */
const PAGE = 512;
/** Word allows 63 cells a row (2.9.121 TDefTableOperand); more is a broken file. */
const MAX_ROW_CELLS = 63;
/**
 * Cell edges of different rows closer than this (in twips, 1/1440 inch; 30 twips is about half a
 * millimetre) are one grid line: Word draws them as one, and a sliver column between them would only
 * split cells that the eye sees as aligned.
 */
const EDGE_TOLERANCE = 30;

// Sprms read, with their full 16-bit codes (2.6 Single Property Modifiers).
const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_F_INNER_TABLE_CELL = 0x244b;
const SPRM_P_F_INNER_TTP = 0x244c;
const SPRM_P_ITAP = 0x6649;
const SPRM_P_DTAP = 0x664a;
const SPRM_P_HUGE_PAPX = 0x6646;
const SPRM_C_F_RMARK_DEL = 0x0800;
const SPRM_T_TABLE_HEADER = 0x3404;
const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_VERT_MERGE = 0xd62b;
const SPRM_T_MERGE = 0x5624;
const SPRM_T_SPLIT = 0x5625;
const SPRM_T_DELETE = 0x5622;
const SPRM_T_INSERT = 0x7621;
const SPRM_T_DXA_COL = 0x7623;
const SPRM_T_WIDTH_BEFORE = 0xf617;
const SPRM_T_WIDTH_AFTER = 0xf618;
const SPRM_P_CHG_TABS = 0xc615;

/** The sprms a Prm0 can name by its 7-bit isprm, of those this reader uses (2.9.215 Prm0). */
const PRM0_SPRMS = new Map([
  [0x18, SPRM_P_F_IN_TABLE],
  [0x19, SPRM_P_F_TTP],
  [0x41, SPRM_C_F_RMARK_DEL],
]);

/** Compressed text is CP1252 with these bytes differing from Latin-1 (2.4.1 Retrieving Text). */
const COMPRESSED_CHARACTERS = new Map([
  [0x82, 0x201a], [0x83, 0x0192], [0x84, 0x201e], [0x85, 0x2026], [0x86, 0x2020], [0x87, 0x2021], [0x88, 0x02c6],
  [0x89, 0x2030], [0x8a, 0x0160], [0x8b, 0x2039], [0x8c, 0x0152], [0x91, 0x2018], [0x92, 0x2019], [0x93, 0x201c],
  [0x94, 0x201d], [0x95, 0x2022], [0x96, 0x2013], [0x97, 0x2014], [0x98, 0x02dc], [0x99, 0x2122], [0x9a, 0x0161],
  [0x9b, 0x203a], [0x9c, 0x0153], [0x9f, 0x0178],
]);

/**
 * Reads the tables of a Word 97–2003 document (.doc, and WPS Office's .wps, which is the same format)
 * from its streams: the FIB, the piece table (text in CP1252 or UTF-16LE pieces, fast-saved files
 * included), paragraph properties from the PAPX FKPs (in-table, nesting level, row ends) and row
 * properties from the row-end paragraphs (cell edges, vertical and horizontal merges, header rows).
 * Vertical merges become row spans and cell edges become column spans on the grid of every edge of
 * the table, as w:vMerge and w:gridSpan do for .docx; a nested table's text stays in its cell; the
 * paragraphs before a table are its `before`. Encrypted and Word 6/95 files are refused with
 * 'unsupported-format', broken ones with 'corrupt-file'.
 */
export function readDoc(lookup: StreamLookup, name = 'input', limits: DocLimits = {}): RawDocument {
  // Plain Uint8Array views: a Node Buffer's subarray() costs far more, and the reader takes many.
  const stream = (streamName: string) => {
    const bytes = lookup(streamName);
    return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const word = stream('WordDocument');
  if (!word) throw corrupt(name, 'it has no WordDocument stream');
  const fib = readFib(word, name);
  const tableName = fib.whichTable === 1 ? '1Table' : '0Table';
  const table = stream(tableName);
  if (!table) throw corrupt(name, `its FIB names the ${tableName} stream, which is missing`);
  const clx = readClx(table, fib.clx, word, fib.ccpText, name);
  const data = stream('Data');
  const papx = new FkpIndex(word, readBtePlc(table, fib.papx, name, 'paragraph'), 'paragraph', name, (sprms) => tableProps(withHugePapx(sprms, data)), NO_PROPS, isTableSprm);
  const chpx = new FkpIndex(word, readBtePlc(table, fib.chpx, name, 'character'), 'character', name, isDeleted, false, (code) => code === SPRM_C_F_RMARK_DEL);
  const walker = new TableWalker(name, limits.maxCells ?? DEFAULT_LIMITS.maxCells, limits.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth);
  walkText(clx, papx, chpx, walker);
  return { tables: walker.finish(), dialect: null, encoding: clx.encoding, paragraphs: walker.paragraphs };
}

function corrupt(name: string, why: string): FenjieError {
  return new FenjieError('corrupt-file', `${name}: not a readable Word 97–2003 document: ${why}`);
}

// ---- 2.5 The File Information Block ----

/** An (fc, lcb) pair of the FIB: where in the table stream a structure starts, and its size. */
interface Span {
  fc: number;
  lcb: number;
}

/** What the reader takes from the FIB. */
interface Fib {
  whichTable: 0 | 1;
  ccpText: number;
  clx: Span;
  papx: Span;
  chpx: Span;
}

/**
 * Reads the FIB (2.5.1): FibBase, then the counted arrays fibRgW, fibRgLw and fibRgFcLcbBlob, whose
 * sizes (csw, cslw, cbRgFcLcb) depend on the nFib of the writer; only the Word 97 parts are read.
 */
export function readFib(word: Uint8Array, name: string): Fib {
  if (word.length < 34) throw corrupt(name, 'the WordDocument stream is too short to hold a FIB');
  const view = viewOf(word);
  const ident = view.getUint16(0, true);
  if (ident !== WORD_IDENT) throw corrupt(name, `the WordDocument stream does not start with a FIB (wIdent 0x${ident.toString(16)})`);
  const nFib = view.getUint16(2, true);
  if (nFib < FIRST_WORD97_NFIB) {
    throw new FenjieError(
      'unsupported-format',
      `${name}: this is a Word 6.0/95 document (nFib ${nFib}); fenjie reads Word 97–2003 .doc files: open it in Word or WPS and save it as .docx`,
    );
  }
  const flags = view.getUint16(0x0a, true);
  // fEncrypted (bit 8) covers both RC4 encryption and XOR obfuscation (fObfuscated, bit 15).
  if (flags & 0x0100) {
    throw new FenjieError('unsupported-format', `${name}: this Word document is encrypted (password-protected); save it without a password and try again`);
  }
  const csw = view.getUint16(32, true);
  const cslwAt = 34 + 2 * csw;
  const cslw = readU16(view, cslwAt, name, 'the FIB');
  const rgLw = cslwAt + 2;
  const cbAt = rgLw + 4 * cslw;
  const pairs = readU16(view, cbAt, name, 'the FIB');
  // ccpText is the fourth long of FibRgLw97 (2.5.5); fcClx the 34th pair of FibRgFcLcb97 (2.5.6).
  if (cslw < 4 || pairs <= PAIR_CLX) throw corrupt(name, `its FIB is too short (cslw ${cslw}, cbRgFcLcb ${pairs})`);
  const blob = cbAt + 2;
  if (blob + 8 * pairs > word.length) throw corrupt(name, 'its FIB runs past the end of the WordDocument stream');
  const pair = (index: number): Span => ({ fc: view.getUint32(blob + 8 * index, true), lcb: view.getUint32(blob + 8 * index + 4, true) });
  const ccpText = view.getInt32(rgLw + 12, true);
  if (ccpText < 0) throw corrupt(name, `its FIB gives a negative text length (${ccpText})`);
  return { whichTable: flags & 0x0200 ? 1 : 0, ccpText, clx: pair(PAIR_CLX), papx: pair(PAIR_PLCF_BTE_PAPX), chpx: pair(PAIR_PLCF_BTE_CHPX) };
}

// ---- 2.9.38 Clx and 2.4.1 Retrieving Text ----

/** A piece of the main document's text: where it starts in the text, and where its bytes are. */
interface Piece {
  /** First character position (CP) of the piece in the document text. */
  cp: number;
  /** Byte offset of the piece's text in the WordDocument stream. */
  offset: number;
  compressed: boolean;
  /** Sprms the piece's Prm applies to the text it holds (2.9.214 Prm). */
  sprms: Sprm[];
}

/** The main document's text and the pieces it came from. */
interface Text {
  text: string;
  pieces: Piece[];
  encoding: string;
}

/**
 * Reads the CLX (2.9.38): Prc entries of property modifiers, then the Pcdt with its PlcPcd, and
 * decodes the text of the main document (its first ccpText characters) piece by piece: compressed
 * pieces as CP1252, the others as UTF-16LE (2.9.73 FcCompressed). A piece table pointing outside the
 * streams, or describing more text than the WordDocument stream holds, is refused.
 */
export function readClx(table: Uint8Array, clx: Span, word: Uint8Array, ccpText: number, name: string): Text {
  if (clx.lcb === 0 || clx.fc + clx.lcb > table.length) throw corrupt(name, 'its piece table (CLX) lies outside the table stream');
  const view = viewOf(table);
  const end = clx.fc + clx.lcb;
  const grpprls: Uint8Array[] = [];
  let at = clx.fc;
  // 2.9.209 Prc: clxt 0x01, cbGrpprl, a grpprl for Prm1 pieces.
  while (at < end && table[at] === 0x01) {
    const size = readI16(view, at + 1, name, 'the CLX');
    if (size < 0 || at + 3 + size > end) throw corrupt(name, 'its piece table (CLX) has a property entry past its end');
    grpprls.push(table.subarray(at + 3, at + 3 + size));
    at += 3 + size;
  }
  // 2.9.178 Pcdt: clxt 0x02, lcb, PlcPcd of lcb bytes: n + 1 CPs, then n 8-byte PCDs.
  if (table[at] !== 0x02 || at + 5 > end) throw corrupt(name, 'its piece table (CLX) holds no Pcdt');
  const lcb = view.getUint32(at + 1, true);
  const plc = at + 5;
  if (plc + lcb > end || lcb < 16 || (lcb - 4) % 12 !== 0) throw corrupt(name, `its piece table has a size (${lcb} bytes) that fits no PlcPcd`);
  const count = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  const parts: string[] = [];
  let unicode = false;
  let compressed = false;
  let length = 0;
  for (let i = 0; i < count && length < ccpText; i += 1) {
    const cp = view.getUint32(plc + 4 * i, true);
    const next = view.getUint32(plc + 4 * i + 4, true);
    if (cp !== length || next < cp) throw corrupt(name, `piece ${i + 1} of its piece table starts at character ${cp}, expected ${length}`);
    const pcd = plc + 4 * (count + 1) + 8 * i;
    const fc = view.getUint32(pcd + 2, true);
    const isCompressed = (fc & 0x40000000) !== 0;
    const chars = Math.min(next, ccpText) - cp;
    const offset = isCompressed ? (fc & 0x3fffffff) / 2 : fc & 0x3fffffff;
    const bytes = isCompressed ? chars : 2 * chars;
    if (!Number.isInteger(offset) || offset + bytes > word.length) throw corrupt(name, `piece ${i + 1} of its piece table points outside the WordDocument stream`);
    // Pieces never share bytes in a real file, so the text cannot be longer than the stream holding it;
    // this keeps a hostile piece table from multiplying the stream into gigabytes of text.
    if (length + chars > word.length) throw corrupt(name, 'its piece table describes more text than the WordDocument stream holds');
    pieces.push({ cp, offset, compressed: isCompressed, sprms: prmSprms(view.getUint16(pcd + 6, true), grpprls) });
    parts.push(isCompressed ? decodeCompressed(word.subarray(offset, offset + bytes)) : decodeUnicode(word.subarray(offset, offset + bytes)));
    if (isCompressed) compressed = true;
    else unicode = true;
    length += chars;
  }
  const encoding = unicode && compressed ? 'utf-16le+windows-1252' : compressed ? 'windows-1252' : 'utf-16le';
  return { text: parts.join(''), pieces, encoding };
}

/** The sprms of a piece's Prm: one sprm named by isprm (Prm0), or a Prc's grpprl (Prm1). */
function prmSprms(prm: number, grpprls: readonly Uint8Array[]): Sprm[] {
  if (prm & 1) {
    const grpprl = grpprls[prm >> 1];
    return grpprl ? readSprms(grpprl) : [];
  }
  const sprm = PRM0_SPRMS.get((prm >> 1) & 0x7f);
  return sprm === undefined ? [] : [{ code: sprm, operand: new Uint8Array([prm >> 8]) }];
}

function decodeUnicode(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(bytes);
}

function decodeCompressed(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) => COMPRESSED_CHARACTERS.get(b) ?? b);
    for (const code of codes) text += String.fromCharCode(code);
  }
  return text;
}

// ---- 2.6 Sprms and 2.9.188 Prl ----

/** One property modifier: its 16-bit code and its operand bytes. */
interface Sprm {
  code: number;
  operand: Uint8Array;
}

/**
 * Splits a grpprl into its Prls (2.9.188). The operand size follows from the sprm's spra bits
 * (2.2.5.1): 1, 1, 2, 4, 2, 2, variable, 3 bytes; a variable operand starts with its size byte,
 * except sprmTDefTable's (a 2-byte size, counting itself minus one) and sprmPChgTabs' (2.6.2).
 * A truncated Prl ends the list.
 */
export function readSprms(grpprl: Uint8Array, keep: (code: number) => boolean = () => true): Sprm[] {
  const sprms: Sprm[] = [];
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const code = grpprl[at]! | (grpprl[at + 1]! << 8);
    let start = at + 2;
    let size: number;
    switch (code >> 13) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default:
        if (code === SPRM_T_DEF_TABLE) {
          if (start + 2 > grpprl.length) return sprms;
          size = Math.max(0, (grpprl[start]! | (grpprl[start + 1]! << 8)) - 1);
          start += 2;
        } else if (code === SPRM_P_CHG_TABS && grpprl[start] === 255) {
          // 2.9.200 PChgTabsOperand with cb 255: sizes come from its delete and add counts.
          const deleted = grpprl[start + 1] ?? 0;
          const added = grpprl[start + 2 + 4 * deleted] ?? 0;
          size = 1 + 1 + 4 * deleted + 1 + 3 * added;
        } else {
          if (start >= grpprl.length) return sprms;
          size = grpprl[start]!;
          start += 1;
        }
    }
    if (start + size > grpprl.length) return sprms;
    if (keep(code)) sprms.push({ code, operand: grpprl.subarray(start, start + size) });
    at = start + size;
  }
  return sprms;
}

// ---- 2.8.6 PlcBtePapx, 2.8.4 PlcBteChpx, 2.9.74 PapxFkp, 2.9.31 ChpxFkp ----

/**
 * Reads a PlcBte (2.8.4, 2.8.6): n + 1 file offsets, then n page numbers of FKPs (the low 22 bits of
 * PnFkpPapx / PnFkpChpx).
 */
function readBtePlc(table: Uint8Array, span: Span, name: string, kind: string): number[] {
  if (span.lcb === 0) return [];
  if (span.fc + span.lcb > table.length || (span.lcb - 4) % 8 !== 0) throw corrupt(name, `its ${kind} property index lies outside the table stream`);
  const view = viewOf(table);
  const count = (span.lcb - 4) / 8;
  const pages: number[] = [];
  for (let i = 0; i < count; i += 1) pages.push(view.getUint32(span.fc + 4 * (count + 1) + 4 * i, true) & 0x3fffff);
  return pages;
}

/**
 * The runs of all FKPs of one kind, sorted by file offset, with what the reader needs of each run's
 * properties (`derive`) worked out once, when first asked for: finding the properties of a character
 * is a binary search over the runs.
 */
class FkpIndex<T> {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Offset in the WordDocument stream of each run's grpprl, and its length (0: no properties). */
  private readonly grpprls: [number, number][] = [];
  private readonly cache = new Map<number, T>();

  constructor(
    private readonly word: Uint8Array,
    pages: readonly number[],
    kind: 'paragraph' | 'character',
    name: string,
    private readonly derive: (sprms: Sprm[]) => T,
    private readonly none: T,
    /** Which sprms `derive` looks at; the others are skipped without being kept. */
    private readonly keep: (code: number) => boolean,
  ) {
    const view = viewOf(word);
    for (const page of pages) {
      const base = page * PAGE;
      if (base + PAGE > word.length) throw corrupt(name, `its ${kind} properties point at page ${page}, past the end of the WordDocument stream`);
      const count = word[base + PAGE - 1]!;
      // A PapxFkp has 4-byte offsets and 13-byte BxPap entries, a ChpxFkp 4-byte offsets and 1-byte ones.
      const entry = kind === 'paragraph' ? 13 : 1;
      if (4 * (count + 1) + entry * count > PAGE - 1) throw corrupt(name, `its ${kind} property page ${page} claims ${count} entries`);
      for (let i = 0; i < count; i += 1) {
        const start = view.getUint32(base + 4 * i, true);
        const end = view.getUint32(base + 4 * i + 4, true);
        const wordOffset = 2 * word[base + 4 * (count + 1) + entry * i]!;
        this.starts.push(start);
        this.ends.push(end);
        this.grpprls.push(wordOffset === 0 ? [0, 0] : locateGrpprl(word, base, wordOffset, kind));
      }
    }
    this.sortIfNeeded();
  }

  /** What the properties at a file offset give, and the offset where the run they apply to ends. */
  run(fc: number): { value: T; end: number } {
    const { starts, ends } = this;
    const run = lastAtOrBelow(starts, fc);
    if (run < 0 || fc >= ends[run]!) return { value: this.none, end: starts[run + 1] ?? Number.MAX_SAFE_INTEGER };
    let value = this.cache.get(run);
    if (value === undefined) {
      const [offset, length] = this.grpprls[run]!;
      value = this.derive(length > 0 ? readSprms(this.word.subarray(offset, offset + length), this.keep) : []);
      this.cache.set(run, value);
    }
    return { value, end: ends[run]! };
  }

  /** FKPs are in file order in a well-formed file; a broken one is sorted rather than misread. */
  private sortIfNeeded(): void {
    const { starts, ends, grpprls } = this;
    if (starts.every((start, i) => i === 0 || starts[i - 1]! <= start)) return;
    const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
    const [s, e, g] = [order.map((i) => starts[i]!), order.map((i) => ends[i]!), order.map((i) => grpprls[i]!)];
    for (let i = 0; i < order.length; i += 1) {
      starts[i] = s[i]!;
      ends[i] = e[i]!;
      grpprls[i] = g[i]!;
    }
  }
}

/**
 * Where the grpprl of one FKP entry is: for a PAPX (2.9.175 PapxInFkp) a size byte cb (2·cb − 1 bytes
 * follow; if cb is 0, the next byte cb' gives 2·cb'), then a 2-byte istd before the sprms; for a CHPX
 * (2.9.33) a size byte then the sprms. An entry past its page is refused.
 */
function locateGrpprl(word: Uint8Array, base: number, offset: number, kind: 'paragraph' | 'character'): [number, number] {
  let at = base + offset;
  let size: number;
  if (kind === 'character') {
    size = word[at]!;
    at += 1;
  } else {
    const cb = word[at]!;
    if (cb !== 0) {
      size = 2 * cb - 1;
      at += 1;
    } else {
      size = 2 * word[at + 1]!;
      at += 2;
    }
    // The istd of GrpPrlAndIstd is not needed: table properties are never set through styles.
    at += 2;
    size -= 2;
  }
  if (size <= 0 || at + size > base + PAGE) return [0, 0];
  return [at, size];
}

// ---- the walk over the text ----

/** What a paragraph's properties say about tables (2.6.2 paragraph sprms). */
interface ParagraphProps {
  /** Table nesting level: 0 outside tables, 1 in a top-level table, more in nested ones. */
  depth: number;
  /** The paragraph is the row-end mark of a top-level table row (sprmPFTtp). */
  rowEnd: boolean;
  /** The paragraph is the row-end mark of a nested table row (sprmPFInnerTtp). */
  innerRowEnd: boolean;
  sprms: Sprm[];
}

const NO_PROPS: ParagraphProps = { depth: 0, rowEnd: false, innerRowEnd: false, sprms: [] };

/** The properties of the paragraph whose mark is at a file offset: its PAPX, then its piece's Prm (2.4.6.1). */
function paragraphProps(papx: FkpIndex<ParagraphProps>, fc: number, piece: Piece): ParagraphProps {
  const props = papx.run(fc).value;
  return piece.sprms.length > 0 ? tableProps([...props.sprms, ...piece.sprms]) : props;
}

/** sprmPHugePapx: a paragraph's sprms too many for the FKP stand in the Data stream (2.9.176 PrcData). */
function withHugePapx(sprms: Sprm[], data: Uint8Array | null): Sprm[] {
  const huge = sprms.find((s) => s.code === SPRM_P_HUGE_PAPX);
  return huge && data ? [...sprms, ...hugePapx(data, u32(huge.operand, 0))] : sprms;
}

/** What a paragraph's sprms say about tables. */
function tableProps(sprms: Sprm[]): ParagraphProps {
  let inTable = false;
  let itap = 0;
  let rowEnd = false;
  let innerRowEnd = false;
  for (const { code, operand } of sprms) {
    if (code === SPRM_P_F_IN_TABLE) inTable = operand[0] === 1;
    else if (code === SPRM_P_F_TTP) rowEnd = operand[0] === 1;
    else if (code === SPRM_P_F_INNER_TTP) innerRowEnd = operand[0] === 1;
    else if (code === SPRM_P_ITAP) itap = Math.max(0, i32(operand, 0));
    else if (code === SPRM_P_DTAP) itap = Math.max(0, itap + i32(operand, 0));
  }
  if (!inTable && itap === 0 && !rowEnd) return { ...NO_PROPS, sprms };
  return { depth: Math.max(inTable ? 1 : 0, itap), rowEnd, innerRowEnd, sprms };
}

function hugePapx(data: Uint8Array, offset: number): Sprm[] {
  if (offset + 2 > data.length) return [];
  const size = data[offset]! | (data[offset + 1]! << 8);
  return readSprms(data.subarray(offset + 2, Math.min(data.length, offset + 2 + size)), isTableSprm);
}

/** The paragraph sprms about tables, and every table sprm (sgc 5, 2.2.5.1): all the reader uses of a PAPX. */
const TABLE_PARAGRAPH_SPRMS = new Set([SPRM_P_F_IN_TABLE, SPRM_P_F_TTP, SPRM_P_F_INNER_TTP, SPRM_P_F_INNER_TABLE_CELL, SPRM_P_ITAP, SPRM_P_DTAP, SPRM_P_HUGE_PAPX]);
function isTableSprm(code: number): boolean {
  return ((code >> 10) & 0x7) === 5 || TABLE_PARAGRAPH_SPRMS.has(code);
}

/** True when a run of text is a tracked deletion (sprmCFRMarkDel), which reads as accepted, i.e. gone. */
function isDeleted(sprms: readonly Sprm[]): boolean {
  let deleted = false;
  for (const { code, operand } of sprms) if (code === SPRM_C_F_RMARK_DEL) deleted = operand[0] === 1;
  return deleted;
}

/**
 * Walks the main document's text once (2.4.2 ff.): paragraphs end at 0x0D (and at 0x0C, a page or
 * section break, which Word also ends a paragraph with), table cells at 0x07, lines at 0x0B; a field
 * (0x13 instruction 0x14 result 0x15, nested) keeps only its result; tabs become spaces, the
 * non-breaking hyphen a hyphen; optional hyphens, pictures and objects (0x01, 0x08), note and
 * annotation marks (0x02, 0x05) and other control characters are dropped, as is tracked deleted text.
 */
function walkText(clx: Text, papx: FkpIndex<ParagraphProps>, chpx: FkpIndex<boolean>, walker: TableWalker): void {
  const { text, pieces } = clx;
  let lines: string[] = [];
  let line = '';
  /** Where the plain text not yet added to `line` starts, or -1: text is sliced a run at a time, not a character. */
  let from = -1;
  let instructions = 0;
  const fields: boolean[] = [];
  let pieceIndex = 0;
  let piece = pieces[0];
  let runEnd = -1;
  let deleted = false;
  const fcOf = (cp: number, p: Piece) => p.offset + (cp - p.cp) * (p.compressed ? 1 : 2);
  const flush = (cp: number) => {
    if (from >= 0) line += text.slice(from, cp);
    from = -1;
  };

  for (let cp = 0; cp < text.length; cp += 1) {
    if (pieceIndex + 1 < pieces.length && pieces[pieceIndex + 1]!.cp <= cp) {
      piece = pieces[++pieceIndex];
      runEnd = cp;
    }
    if (!piece) break;
    // Character properties change only where a CHPX run or a piece ends; they are looked up again there.
    if (cp >= runEnd) {
      flush(cp);
      const fc = fcOf(cp, piece);
      const run = chpx.run(fc);
      deleted = run.value || isDeleted(piece.sprms);
      runEnd = cp + Math.max(1, Math.ceil((run.end - fc) / (piece.compressed ? 1 : 2)));
    }
    const code = text.charCodeAt(cp);
    if (code >= 0x20 && instructions === 0 && !deleted) {
      if (from < 0) from = cp;
      continue;
    }
    flush(cp);
    switch (code) {
      case 0x13:
        fields.push(true);
        instructions += 1;
        continue;
      case 0x14:
        if (fields.at(-1) === true) {
          fields[fields.length - 1] = false;
          instructions -= 1;
        }
        continue;
      case 0x15:
        if (fields.pop() === true) instructions -= 1;
        continue;
      case 0x0d:
      case 0x0c:
      case 0x07: {
        lines.push(line);
        walker.paragraph(lines, code === 0x07, paragraphProps(papx, fcOf(cp, piece), piece), deleted);
        lines = [];
        line = '';
        continue;
      }
    }
    if (instructions > 0 || deleted) continue;
    if (code === 0x0b) {
      lines.push(line);
      line = '';
    } else if (code === 0x09) line += ' ';
    else if (code === 0x1e) line += '-';
  }
  flush(text.length);
  // Text after the last paragraph mark (a file cut short) is kept as a paragraph of the body.
  lines.push(line);
  if (lines.some((l) => l !== '')) walker.paragraph(lines, false, NO_PROPS);
}

// ---- 2.4.3 ff. tables: rows, cells and the TAP of the row-end paragraph ----

/** A cell as the row's TAP describes it: its edges in twips and its merge flags (2.9.329 TC80). */
interface CellDef {
  left: number;
  right: number;
  /** horzMerge: 0 none, 1 first of merged cells (fFirstMerged), 2 or 3 merged into the one before (fMerged). */
  horizontal: number;
  /** vertMerge: 0 none, 1 continues the cell above (fVertMerge), 3 (or 2) restarts a merge (fVertRestart). */
  vertical: number;
}

/** The row properties the reader uses, from the sprms of the row-end paragraph. */
interface RowDef {
  cells: CellDef[];
  header: boolean;
  /** Empty space before the first cell and after the last one, in twips (sprmTWidthBefore/After). */
  before: number;
  after: number;
}

/**
 * Reads a row's TAP from the sprms of its row-end paragraph, in order: sprmTDefTable (2.9.121: itcMac,
 * itcMac + 1 cell edges rgdxaCenter, then up to itcMac TC80s), then the sprms that edit it —
 * sprmTVertMerge, sprmTMerge, sprmTSplit, sprmTInsert, sprmTDelete, sprmTDxaCol — and
 * sprmTTableHeader, sprmTWidthBefore and sprmTWidthAfter (2.6.4 table sprms).
 */
export function readRowDef(sprms: readonly Sprm[]): RowDef | null {
  const defTable = sprms.findLast((s) => s.code === SPRM_T_DEF_TABLE);
  if (!defTable) return null;
  const { operand } = defTable;
  const count = Math.min(operand[0] ?? 0, MAX_ROW_CELLS, Math.max(0, Math.floor((operand.length - 3) / 2)));
  const edges: number[] = [];
  for (let i = 0; i <= count; i += 1) edges.push(i16(operand, 1 + 2 * i));
  const tcs = 1 + 2 * (count + 1);
  let cells: CellDef[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = tcs + 20 * i;
    const flags = at + 20 <= operand.length ? operand[at]! | (operand[at + 1]! << 8) : 0;
    cells.push({ left: edges[i]!, right: Math.max(edges[i]!, edges[i + 1]!), horizontal: flags & 0x3, vertical: (flags >> 5) & 0x3 });
  }
  const row: RowDef = { cells, header: false, before: 0, after: 0 };
  for (const { code, operand: op } of sprms) {
    const first = op[0] ?? 0;
    const limit = Math.min(op[1] ?? 0, cells.length);
    switch (code) {
      case SPRM_T_TABLE_HEADER:
        row.header = first === 1;
        break;
      case SPRM_T_VERT_MERGE: {
        // 2.9.342 VerticalMergeFlag after the operand's size byte: itc, then the merge value.
        const cell = cells[first];
        if (cell) cell.vertical = (op[1] ?? 0) & 0x3;
        break;
      }
      case SPRM_T_MERGE:
        for (let i = first; i < limit; i += 1) cells[i]!.horizontal = i === first ? 1 : 2;
        break;
      case SPRM_T_SPLIT:
        for (let i = first; i < limit; i += 1) cells[i]!.horizontal = 0;
        break;
      case SPRM_T_DELETE:
        cells = shiftCells([...cells.slice(0, first), ...cells.slice(limit)], cells);
        break;
      case SPRM_T_INSERT: {
        const at = Math.min(first, cells.length);
        const width = i16(op, 2);
        const added = Array.from({ length: Math.min(op[1] ?? 0, MAX_ROW_CELLS) }, () => ({ left: 0, right: width, horizontal: 0, vertical: 0 }));
        cells = shiftCells([...cells.slice(0, at), ...added, ...cells.slice(at)], cells);
        break;
      }
      case SPRM_T_DXA_COL:
        for (let i = first; i < limit; i += 1) cells[i]!.right = cells[i]!.left + i16(op, 2);
        cells = shiftCells(cells, cells);
        break;
      case SPRM_T_WIDTH_BEFORE:
      case SPRM_T_WIDTH_AFTER: {
        // 2.9.98 FtsWWidth_TablePart: ftsWidth 3 is twips; percentages and auto leave no fixed gap.
        const width = first === 3 ? Math.max(0, i16(op, 1)) : 0;
        if (code === SPRM_T_WIDTH_BEFORE) row.before = width;
        else row.after = width;
        break;
      }
    }
  }
  row.cells = cells.slice(0, MAX_ROW_CELLS);
  return row;
}

/** Lays cells edge to edge again, each keeping its width, from where the first of `original` started. */
function shiftCells(cells: CellDef[], original: readonly CellDef[]): CellDef[] {
  let left = original[0]?.left ?? 0;
  return cells.map((cell) => {
    const width = Math.max(0, cell.right - cell.left);
    const placed = { ...cell, left, right: left + width };
    left += width;
    return placed;
  });
}

/** A row as read: its cells' paragraphs and the row's TAP. */
interface PendingRow {
  cells: string[][];
  def: RowDef | null;
}

/** Follows the paragraphs of the walk and groups them into tables, rows and cells. */
class TableWalker {
  private readonly tables: RawTable[] = [];
  /** Every paragraph of the body in document order, for plans written as numbered paragraphs. */
  readonly paragraphs: RawParagraph[] = [];
  private before: string[] = [];
  private rows: PendingRow[] | null = null;
  private cells: string[][] = [];
  private cell: string[] = [];
  private cellCount = 0;

  constructor(
    private readonly name: string,
    private readonly maxCells: number,
    private readonly maxNestingDepth: number,
  ) {}

  /**
   * One paragraph (its lines), whether it ended with a cell mark (0x07), its properties, and whether
   * its mark is tracked as deleted: a row whose row-end mark is deleted is a deleted row, read as
   * accepted (gone), like a w:del in a .docx row's properties.
   */
  paragraph(lines: string[], cellMark: boolean, props: ParagraphProps, deleted = false): void {
    const { depth } = props;
    // Every paragraph, cells included, for a plan written as prose (row-end marks hold no text).
    if (!deleted && !(cellMark && props.rowEnd)) for (const text of lines) if (text.trim() !== '') this.paragraphs.push({ text, line: null });
    if (depth === 0) {
      if (this.rows) this.finishTable();
      append(this.before, lines);
      return;
    }
    if (depth - 1 > this.maxNestingDepth) throw limitExceeded(this.name, `tables nest ${depth - 1} deep`, 'maxNestingDepth', String(this.maxNestingDepth));
    this.rows ??= [];
    if (depth > 1) {
      // A nested table's paragraphs stay in the outer cell, as Word shows them; its row-end marks hold no text.
      if (!props.innerRowEnd) append(this.cell, lines);
      return;
    }
    if (cellMark && props.rowEnd) {
      if (deleted) {
        this.cells = [];
        this.cell = [];
      } else this.finishRow(readRowDef(props.sprms));
      return;
    }
    append(this.cell, lines);
    if (cellMark) {
      this.cellCount += 1;
      if (this.cellCount > this.maxCells) throw limitExceeded(this.name, `the document has more than ${this.maxCells} cells`, 'maxCells', String(this.maxCells));
      this.cells.push(this.cell);
      this.cell = [];
    }
  }

  finish(): RawTable[] {
    if (this.rows) this.finishTable();
    return this.tables;
  }

  private finishRow(def: RowDef | null): void {
    if (this.cell.some((line) => line !== '')) this.cells.push(this.cell);
    this.rows?.push({ cells: this.cells, def });
    this.cells = [];
    this.cell = [];
  }

  private finishTable(): void {
    // A row cut short by the end of the table (a broken file) keeps its cells.
    if (this.cells.length > 0 || this.cell.some((line) => line !== '')) this.finishRow(null);
    const rows = this.rows ?? [];
    this.rows = null;
    this.tables.push(buildTable(rows, this.before, this.tables.length + 1));
    this.before = [];
  }
}

/** A cell laid on the table's grid. */
interface PlacedCell {
  paragraphs: string[];
  column: number;
  colSpan: number;
  vertical: number;
}

/**
 * Turns rows of cells with edges into a RawTable. The grid lines are every distinct cell edge of the
 * table (closer than EDGE_TOLERANCE counts as one), as Word builds a .docx's w:tblGrid, so a cell
 * spans the grid columns between its edges (w:gridSpan) and a row starting right of the table's left
 * edge is offset (w:gridBefore). Cells merged horizontally (fMerged) join the cell before them, their
 * text kept. A cell continuing a vertical merge extends the cell that restarted or continued the merge
 * at the same grid column in the row above, exactly as the .docx reader does with w:vMerge; its own
 * text, which Word hides, is reported as 'merged-text-lost'.
 */
function buildTable(rows: readonly PendingRow[], before: string[], tableNumber: number): RawTable {
  const lines = gridLines(rows);
  const column = (edge: number) => gridIndex(lines, edge);
  const raw: RawRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let headerRows = 0;
  let merges = new Map<number, RawCell>();
  for (const row of rows) {
    const placed = placeCells(row, column);
    const rowNumber = raw.length + 1;
    const cells: RawCell[] = [];
    const next = new Map<number, RawCell>();
    for (const cell of placed) {
      const above = cell.vertical === 1 ? merges.get(cell.column) : undefined;
      if (above) {
        above.rowSpan += 1;
        next.set(cell.column, above);
        const hidden = visibleText(cell.paragraphs);
        if (hidden !== '' && hidden !== visibleText(above.paragraphs)) {
          diagnostics.push(mergedTextLost(hidden, { table: tableNumber, row: rowNumber, column: cell.column + 1, line: null }));
        }
        continue;
      }
      const rawCell: RawCell = { paragraphs: cell.paragraphs, rowSpan: 1, colSpan: cell.colSpan, line: null };
      cells.push(rawCell);
      if (cell.vertical !== 0) next.set(cell.column, rawCell);
    }
    merges = next;
    const offset = placed[0]?.column ?? 0;
    raw.push(offset > 0 ? { cells, line: null, columnOffset: offset } : { cells, line: null });
    if (row.def?.header && headerRows === rowNumber - 1) headerRows = rowNumber;
  }
  return headerRows > 0 ? { rows: raw, before, blanksAreMerges: false, headerRows, diagnostics } : { rows: raw, before, blanksAreMerges: false, diagnostics };
}

/** Places a row's cells on the grid; cells beyond those the TAP describes follow one column each. */
function placeCells(row: PendingRow, column: (edge: number) => number): PlacedCell[] {
  const defs = row.def?.cells ?? [];
  const placed: PlacedCell[] = [];
  let next = 0;
  row.cells.forEach((paragraphs, i) => {
    const def = defs[i];
    if (!def) {
      placed.push({ paragraphs, column: next, colSpan: 1, vertical: 0 });
      next += 1;
      return;
    }
    const start = column(def.left);
    const end = Math.max(start + 1, column(def.right));
    const last = placed.at(-1);
    if (def.horizontal >= 2 && last && (defs[i - 1]?.horizontal ?? 0) !== 0) {
      last.colSpan = Math.max(last.colSpan, end - last.column);
      if (paragraphs.some((p) => p.trim() !== '')) last.paragraphs = last.paragraphs.concat(paragraphs);
      next = last.column + last.colSpan;
      return;
    }
    const at = Math.max(start, next);
    placed.push({ paragraphs, column: at, colSpan: Math.max(1, end - at), vertical: def.vertical });
    next = at + Math.max(1, end - at);
  });
  return placed;
}

/** The table's grid lines: every cell edge, and where the empty space before and after a row ends, clustered. */
function gridLines(rows: readonly PendingRow[]): number[] {
  const edges: number[] = [];
  for (const { def } of rows) {
    if (!def || def.cells.length === 0) continue;
    const first = def.cells[0]!.left;
    const last = def.cells.at(-1)!.right;
    edges.push(first - def.before, last + def.after);
    for (const cell of def.cells) edges.push(cell.left, cell.right);
  }
  edges.sort((a, b) => a - b);
  const lines: number[] = [];
  for (const edge of edges) if (lines.length === 0 || edge - lines.at(-1)! >= EDGE_TOLERANCE) lines.push(edge);
  return lines;
}

/** The index of the grid line an edge falls on: the last line at or left of it, within the tolerance. */
function gridIndex(lines: readonly number[], edge: number): number {
  return Math.max(0, lastAtOrBelow(lines, edge));
}

/** The index of the last of ascending numbers that is at most a value, or -1: a binary search. */
function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid - 1;
  }
  return high;
}

/** Appends items one by one: a paragraph of a hostile file may hold more lines than a spread allows. */
function append(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

// ---- bytes ----

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readU16(view: DataView, at: number, name: string, what: string): number {
  if (at + 2 > view.byteLength) throw corrupt(name, `${what} runs past the end of its stream`);
  return view.getUint16(at, true);
}

function readI16(view: DataView, at: number, name: string, what: string): number {
  if (at + 2 > view.byteLength) throw corrupt(name, `${what} runs past the end of its stream`);
  return view.getInt16(at, true);
}

function i16(bytes: Uint8Array, at: number): number {
  const value = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  return value >= 0x8000 ? value - 0x10000 : value;
}

function i32(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24);
}

function u32(bytes: Uint8Array, at: number): number {
  return i32(bytes, at) >>> 0;
}
