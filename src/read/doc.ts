import { FenjieError } from '../errors.js';
import { DEFAULT_LIMITS, limitExceeded } from '../limits.js';
import type { Diagnostic } from '../model/schema.js';
import { mergedTextLost, visibleText, type RawCell, type RawDocument, type RawRow, type RawTable } from './raw-table.js';

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
  const papx = new FkpIndex(word, readBtePlc(table, fib.papx, name, 'paragraph'), 'paragraph', name);
  const chpx = new FkpIndex(word, readBtePlc(table, fib.chpx, name, 'character'), 'character', name);
  const walker = new TableWalker(name, limits.maxCells ?? DEFAULT_LIMITS.maxCells, limits.maxNestingDepth ?? DEFAULT_LIMITS.maxNestingDepth);
  walkText(clx, new ParagraphReader(papx, stream('Data')), chpx, walker);
  const { lines } = walker;
  // The paragraphs are made only when asked for: a document with a task table never needs them.
  return {
    tables: walker.finish(),
    dialect: null,
    encoding: clx.encoding,
    get paragraphs() {
      return lines.filter((text) => text.trim() !== '').map((text) => ({ text, line: null }));
    },
  };
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
  /** The sprms the piece's Prm applies to the text it holds (2.9.214 Prm), as a grpprl, or null. */
  grpprl: Uint8Array | null;
  /** The Prm marks the piece's text as a tracked deletion. */
  deleted: boolean;
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
    const grpprl = prmGrpprl(view.getUint16(pcd + 6, true), grpprls);
    pieces.push({ cp, offset, compressed: isCompressed, grpprl, deleted: grpprl !== null && isDeleted(new Prls().of(grpprl)) });
    parts.push(isCompressed ? decodeCompressed(word.subarray(offset, offset + bytes)) : decodeUnicode(word.subarray(offset, offset + bytes)));
    if (isCompressed) compressed = true;
    else unicode = true;
    length += chars;
  }
  const encoding = unicode && compressed ? 'utf-16le+windows-1252' : compressed ? 'windows-1252' : 'utf-16le';
  return { text: parts.join(''), pieces, encoding };
}

/** The sprms of a piece's Prm as a grpprl: a Prc's grpprl (Prm1), or the one sprm that isprm names with its operand (Prm0). */
function prmGrpprl(prm: number, grpprls: readonly Uint8Array[]): Uint8Array | null {
  if (prm & 1) return grpprls[prm >> 1] ?? null;
  const sprm = PRM0_SPRMS.get((prm >> 1) & 0x7f);
  return sprm === undefined ? null : new Uint8Array([sprm & 0xff, sprm >> 8, prm >> 8]);
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

const NO_GRPPRL = new Uint8Array(0);

/**
 * A cursor over the Prls of a grpprl (2.9.188): after each `next()`, the sprm's code and where its
 * operand starts in the bytes and how long it is. The operand size follows from the sprm's spra bits
 * (2.2.5.1): 1, 1, 2, 4, 2, 2, variable, 3 bytes; a variable operand starts with its size byte,
 * except sprmTDefTable's (a 2-byte size, counting itself minus one) and sprmPChgTabs' (2.6.2). A
 * truncated Prl ends the list. A walk reuses one cursor for every grpprl, so that nothing is
 * allocated per Prl or per grpprl: a document has millions of them.
 */
export class Prls {
  code = 0;
  operand = 0;
  size = 0;
  private bytes: Uint8Array = NO_GRPPRL;
  private at = 0;
  private end = 0;

  /** Starts on the Prls in bytes[start, end). */
  of(bytes: Uint8Array, start = 0, end = bytes.length): this {
    [this.bytes, this.at, this.end] = [bytes, start, Math.min(end, bytes.length)];
    return this;
  }

  /** Moves to the next Prl; false past the last one. */
  next(): boolean {
    const { bytes, at, end } = this;
    if (at + 2 > end) return false;
    const code = bytes[at]! | (bytes[at + 1]! << 8);
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
          if (start + 2 > end) return false;
          size = Math.max(0, (bytes[start]! | (bytes[start + 1]! << 8)) - 1);
          start += 2;
        } else if (code === SPRM_P_CHG_TABS && start < end && bytes[start] === 255) {
          // 2.9.200 PChgTabsOperand with cb 255: sizes come from its delete and add counts.
          const deleted = start + 1 < end ? bytes[start + 1]! : 0;
          const added = start + 2 + 4 * deleted < end ? bytes[start + 2 + 4 * deleted]! : 0;
          size = 1 + 1 + 4 * deleted + 1 + 3 * added;
        } else {
          if (start >= end) return false;
          size = bytes[start]!;
          start += 1;
        }
    }
    if (start + size > end) {
      this.at = end;
      return false;
    }
    [this.code, this.operand, this.size, this.at] = [code, start, size, start + size];
    return true;
  }

  /** The operand's first byte. */
  flag(): number {
    return this.bytes[this.operand]!;
  }

  /** The operand as a 32-bit integer (sprms with spra 3). */
  int32(): number {
    return i32(this.bytes, this.operand);
  }

  /** A view of the operand's bytes. */
  operandBytes(): Uint8Array {
    return this.bytes.subarray(this.operand, this.operand + this.size);
  }
}

/** The table sprms (sgc 5, 2.2.5.1): all that a row's TAP is read from. */
function isTableSprm(code: number): boolean {
  return ((code >> 10) & 0x7) === 5;
}

/** The table sprms of grpprls, in order, with their operands. */
function tableSprms(grpprls: readonly Uint8Array[], prls: Prls): Sprm[] {
  const sprms: Sprm[] = [];
  for (const grpprl of grpprls) {
    for (prls.of(grpprl); prls.next(); ) if (isTableSprm(prls.code)) sprms.push({ code: prls.code, operand: prls.operandBytes() });
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
 * The runs of all FKPs of one kind, sorted by file offset: where each starts and ends in the
 * WordDocument stream and where its grpprl is. Finding the properties of a character is a binary
 * search over the runs. Kept in typed arrays: a large document has hundreds of thousands of runs,
 * and they live through the whole walk.
 */
class FkpIndex {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  /** Offset in the WordDocument stream of each run's grpprl, and its length (0: no properties). */
  private readonly offsets: Uint32Array;
  private readonly lengths: Uint16Array;

  constructor(
    private readonly word: Uint8Array,
    pages: readonly number[],
    kind: 'paragraph' | 'character',
    name: string,
  ) {
    // A PapxFkp has 4-byte offsets and 13-byte BxPap entries, a ChpxFkp 4-byte offsets and 1-byte ones.
    const entry = kind === 'paragraph' ? 13 : 1;
    const capacity = pages.length * Math.floor((PAGE - 1 - 4) / (4 + entry));
    const [starts, ends, offsets, lengths] = [new Uint32Array(capacity), new Uint32Array(capacity), new Uint32Array(capacity), new Uint16Array(capacity)];
    const view = viewOf(word);
    let runs = 0;
    for (const page of pages) {
      const base = page * PAGE;
      if (base + PAGE > word.length) throw corrupt(name, `its ${kind} properties point at page ${page}, past the end of the WordDocument stream`);
      const count = word[base + PAGE - 1]!;
      if (4 * (count + 1) + entry * count > PAGE - 1) throw corrupt(name, `its ${kind} property page ${page} claims ${count} entries`);
      for (let i = 0; i < count; i += 1) {
        starts[runs] = view.getUint32(base + 4 * i, true);
        ends[runs] = view.getUint32(base + 4 * i + 4, true);
        const wordOffset = 2 * word[base + 4 * (count + 1) + entry * i]!;
        if (wordOffset !== 0) [offsets[runs], lengths[runs]] = locateGrpprl(word, base, wordOffset, kind);
        runs += 1;
      }
    }
    const order = sortedOrder(starts.subarray(0, runs));
    const sorted = <A extends Uint32Array | Uint16Array>(values: A): A => {
      const used = values.subarray(0, runs) as A;
      return order ? (used.map((_, i) => used[order[i]!]!) as A) : used;
    };
    [this.starts, this.ends, this.offsets, this.lengths] = [sorted(starts), sorted(ends), sorted(offsets), sorted(lengths)];
  }

  /** The run holding a file offset, or -1. */
  runAt(fc: number): number {
    const run = lastAtOrBelow(this.starts, fc);
    return run >= 0 && fc < this.ends[run]! ? run : -1;
  }

  /** Where the properties at a file offset stop applying: the end of its run, or where the next run starts. */
  endOf(run: number, fc: number): number {
    return run >= 0 ? this.ends[run]! : (this.starts[lastAtOrBelow(this.starts, fc) + 1] ?? Number.MAX_SAFE_INTEGER);
  }

  /** Sets a cursor on a run's grpprl (none for -1, or for a run without properties). */
  prls(run: number, prls: Prls): Prls {
    return run < 0 ? prls.of(NO_GRPPRL) : prls.of(this.word, this.offsets[run]!, this.offsets[run]! + this.lengths[run]!);
  }

  /** A run's grpprl, as a view. */
  grpprl(run: number): Uint8Array {
    return run < 0 ? NO_GRPPRL : this.word.subarray(this.offsets[run]!, this.offsets[run]! + this.lengths[run]!);
  }
}

/** FKPs are in file order in a well-formed file; for a broken one, the order that sorts the runs, else null. */
function sortedOrder(starts: Uint32Array): number[] | null {
  if (starts.every((start, i) => i === 0 || starts[i - 1]! <= start)) return null;
  return Array.from(starts, (_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
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
  /** The grpprls that set a row end's properties, in the order they apply, for its TAP; empty for other paragraphs. */
  grpprls: readonly Uint8Array[];
}

const NO_PROPS: ParagraphProps = { depth: 0, rowEnd: false, innerRowEnd: false, grpprls: [] };

/**
 * Reads the properties of paragraphs (2.4.6.1): the paragraph's PAPX, the sprms that sprmPHugePapx
 * sends to the Data stream (2.9.176 PrcData: a paragraph's sprms too many for the FKP), then its
 * piece's Prm. They are read from the bytes at each paragraph mark: each paragraph has a run of its
 * own, and keeping what was read for every run would hold the whole document's properties at once.
 * A cell's paragraph gets one of a few shared objects; only a row end gets its own, with its grpprls.
 */
class ParagraphReader {
  private readonly prls = new Prls();
  private readonly shared = new Map<number, ParagraphProps>();
  private inTable = false;
  private itap = 0;
  private rowEnd = false;
  private innerRowEnd = false;
  private huge = -1;

  constructor(
    private readonly papx: FkpIndex,
    private readonly data: Uint8Array | null,
  ) {}

  /** The properties of the paragraph whose mark is at a file offset, in a piece. */
  at(fc: number, piece: Piece): ParagraphProps {
    [this.inTable, this.itap, this.rowEnd, this.innerRowEnd, this.huge] = [false, 0, false, false, -1];
    const run = this.papx.runAt(fc);
    this.read(this.papx.prls(run, this.prls));
    const huge = this.huge >= 0 && this.data ? hugePapx(this.data, this.huge) : null;
    if (huge) this.read(this.prls.of(huge));
    if (piece.grpprl) this.read(this.prls.of(piece.grpprl));
    const { inTable, itap, rowEnd, innerRowEnd } = this;
    if (!inTable && itap === 0 && !rowEnd) return NO_PROPS;
    const depth = Math.max(inTable ? 1 : 0, itap);
    if (rowEnd) return { depth, rowEnd, innerRowEnd, grpprls: [this.papx.grpprl(run), ...(huge ? [huge] : []), ...(piece.grpprl ? [piece.grpprl] : [])] };
    const key = 2 * depth + (innerRowEnd ? 1 : 0);
    let props = this.shared.get(key);
    if (!props) this.shared.set(key, (props = { depth, rowEnd, innerRowEnd, grpprls: [] }));
    return props;
  }

  /** The table sprms of a grpprl, applied in order; the first sprmPHugePapx is noted. */
  private read(prls: Prls): void {
    while (prls.next()) {
      const { code } = prls;
      if (code === SPRM_P_F_IN_TABLE) this.inTable = prls.flag() === 1;
      else if (code === SPRM_P_F_TTP) this.rowEnd = prls.flag() === 1;
      else if (code === SPRM_P_F_INNER_TTP) this.innerRowEnd = prls.flag() === 1;
      else if (code === SPRM_P_ITAP) this.itap = Math.max(0, prls.int32());
      else if (code === SPRM_P_DTAP) this.itap = Math.max(0, this.itap + prls.int32());
      else if (code === SPRM_P_HUGE_PAPX && this.huge < 0) this.huge = prls.int32() >>> 0;
    }
  }
}

/** The grpprl that sprmPHugePapx points at in the Data stream: a 2-byte size, then the sprms. */
function hugePapx(data: Uint8Array, offset: number): Uint8Array {
  if (offset + 2 > data.length) return NO_GRPPRL;
  const size = data[offset]! | (data[offset + 1]! << 8);
  return data.subarray(offset + 2, Math.min(data.length, offset + 2 + size));
}

/** True when a grpprl marks text as a tracked deletion (sprmCFRMarkDel), which reads as accepted, i.e. gone. */
function isDeleted(prls: Prls): boolean {
  let deleted = false;
  while (prls.next()) if (prls.code === SPRM_C_F_RMARK_DEL) deleted = prls.flag() === 1;
  return deleted;
}

/**
 * Walks the main document's text once (2.4.2 ff.): paragraphs end at 0x0D (and at 0x0C, a page or
 * section break, which Word also ends a paragraph with), table cells at 0x07, lines at 0x0B; a field
 * (0x13 instruction 0x14 result 0x15, nested) keeps only its result; tabs become spaces, the
 * non-breaking hyphen a hyphen; optional hyphens, pictures and objects (0x01, 0x08), note and
 * annotation marks (0x02, 0x05) and other control characters are dropped, as is tracked deleted text.
 */
function walkText(clx: Text, paragraphs: ParagraphReader, chpx: FkpIndex, walker: TableWalker): void {
  const prls = new Prls();
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
      const run = chpx.runAt(fc);
      deleted = isDeleted(chpx.prls(run, prls)) || piece.deleted;
      runEnd = cp + Math.max(1, Math.ceil((chpx.endOf(run, fc) - fc) / (piece.compressed ? 1 : 2)));
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
        // Most paragraphs have one line, and an array of one made by push holds room for sixteen:
        // the paragraph becomes a cell that lives through the parse, so it gets an array of its size.
        lines = lines.length === 0 ? [line] : [...lines, line];
        walker.paragraph(lines, code === 0x07, paragraphs.at(fcOf(cp, piece), piece), deleted);
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

/** Keeps the last sixteen of what a walk has seen. */
function remember<T>(recent: T[], item: T): void {
  if (recent.length === 16) recent.shift();
  recent.push(item);
}

function sameBytes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k += 1) {
    const [x, y] = [a[k]!, b[k]!];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return false;
  }
  return true;
}

function sameRowDef(a: RowDef, b: RowDef): boolean {
  if (a.header !== b.header || a.before !== b.before || a.after !== b.after || a.cells.length !== b.cells.length) return false;
  return a.cells.every((cell, i) => {
    const other = b.cells[i]!;
    return cell.left === other.left && cell.right === other.right && cell.horizontal === other.horizontal && cell.vertical === other.vertical;
  });
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
  /**
   * The lines of every paragraph of the body in document order, table cells included and blank ones
   * too, for plans written as numbered paragraphs: kept flat, the strings shared with the cells.
   */
  readonly lines: string[] = [];
  private readonly prls = new Prls();
  /** The distinct row definitions read lately: rows whose TAPs agree share one (a table's rows mostly do). */
  private readonly defs: RowDef[] = [];
  /** The row definitions of the last rows by the bytes they were read from, so that a repeated TAP is not read again. */
  private readonly recent: { grpprls: readonly Uint8Array[]; def: RowDef | null }[] = [];
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
    if (!deleted && !(cellMark && props.rowEnd)) append(this.lines, lines);
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
      } else this.finishRow(this.rowDef(props.grpprls));
      return;
    }
    // A cell's first paragraph becomes the cell's list of paragraphs rather than being copied into one.
    if (this.cell.length === 0) this.cell = lines;
    else append(this.cell, lines);
    if (cellMark) {
      this.cellCount += 1;
      if (this.cellCount > this.maxCells) throw limitExceeded(this.name, `the document has more than ${this.maxCells} cells`, 'maxCells', String(this.maxCells));
      // Arrays filled by push keep room for sixteen items; what lives through the parse is copied to its size.
      this.cells.push(this.cell.length > 1 ? this.cell.slice() : this.cell);
      this.cell = [];
    }
  }

  finish(): RawTable[] {
    if (this.rows) this.finishTable();
    return this.tables;
  }

  /**
   * A row end's TAP: the one read from the same bytes for a recent row, else read, and shared with an
   * earlier row whose TAP is the same (rows share RowDefs: one each would live through the walk).
   */
  private rowDef(grpprls: readonly Uint8Array[]): RowDef | null {
    for (let i = this.recent.length - 1; i >= 0; i -= 1) if (sameBytes(this.recent[i]!.grpprls, grpprls)) return this.recent[i]!.def;
    const read = readRowDef(tableSprms(grpprls, this.prls));
    const def = (read && this.defs.find((known) => sameRowDef(known, read))) ?? read;
    if (def === read && read) remember(this.defs, read);
    remember(this.recent, { grpprls, def });
    return def;
  }

  private finishRow(def: RowDef | null): void {
    if (this.cell.some((line) => line !== '')) this.cells.push(this.cell.slice());
    // The row keeps a copy of its size; the array being filled is reused for the next row.
    this.rows?.push({ cells: this.cells.slice(), def });
    this.cells.length = 0;
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
  /** The cells a merge could continue from in the row above, by grid column. */
  let merges: (RawCell | undefined)[] = [];
  for (const row of rows) {
    const placed = placeCells(row, column);
    const rowNumber = raw.length + 1;
    const cells: RawCell[] = [];
    const next: (RawCell | undefined)[] = [];
    for (const cell of placed) {
      const above = cell.vertical === 1 ? merges[cell.column] : undefined;
      if (above) {
        above.rowSpan += 1;
        next[cell.column] = above;
        const hidden = visibleText(cell.paragraphs);
        if (hidden !== '' && hidden !== visibleText(above.paragraphs)) {
          diagnostics.push(mergedTextLost(hidden, { table: tableNumber, row: rowNumber, column: cell.column + 1, line: null }));
        }
        continue;
      }
      const rawCell: RawCell = { paragraphs: cell.paragraphs, rowSpan: 1, colSpan: cell.colSpan, line: null };
      cells.push(rawCell);
      if (cell.vertical !== 0) next[cell.column] = rawCell;
    }
    merges = next;
    const offset = placed[0]?.column ?? 0;
    const exact = cells.slice();
    raw.push(offset > 0 ? { cells: exact, line: null, columnOffset: offset } : { cells: exact, line: null });
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
  // Rows share their definitions, and a table has few distinct edges: each is sorted once.
  const defs = new Set(rows.map((row) => row.def));
  const distinct = new Set<number>();
  for (const def of defs) {
    if (!def || def.cells.length === 0) continue;
    distinct.add(def.cells[0]!.left - def.before).add(def.cells.at(-1)!.right + def.after);
    for (const cell of def.cells) distinct.add(cell.left).add(cell.right);
  }
  const edges = [...distinct].sort((a, b) => a - b);
  const lines: number[] = [];
  for (const edge of edges) if (lines.length === 0 || edge - lines.at(-1)! >= EDGE_TOLERANCE) lines.push(edge);
  return lines;
}

/** The index of the grid line an edge falls on: the last line at or left of it, within the tolerance. */
function gridIndex(lines: readonly number[], edge: number): number {
  return Math.max(0, lastAtOrBelow(lines, edge));
}

/** The index of the last of ascending numbers that is at most a value, or -1: a binary search. */
function lastAtOrBelow(sorted: ArrayLike<number>, value: number): number {
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
