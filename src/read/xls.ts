import { FenjieError } from '../errors.js';
import { CellBudget, DEFAULT_LIMITS, type Limits } from '../limits.js';
import { formatCode, formatNumber, general, type DateSystem } from './cell-format.js';
import type { OleFile } from './ole.js';
import type { RawDocument, RawTable } from './raw-table.js';
import { corruptWorkbook, SheetCells, sheetTable, type Sheet } from './sheet.js';

/** BIFF record types read here (Microsoft's [MS-XLS] names). */
const RECORD = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  CODEPAGE: 0x0042,
  DATEMODE: 0x0022,
  FORMAT: 0x041e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
  MERGEDCELLS: 0x00e5,
} as const;

/** BOF records of the BIFF2–4 formats, which hold no workbook globals as BIFF8 does. */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
const BIFF8 = 0x0600;
const SUBSTREAM_WORKSHEET = 0x0010;

/** Error values of BOOLERR and FORMULA records, as the spreadsheet shows them. */
const ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

/** One record of a BIFF stream: its type, its data and where it starts. */
interface BiffRecord {
  type: number;
  data: Uint8Array;
  offset: number;
}

/** What the workbook globals say about every sheet. */
interface Globals {
  sheets: { name: string; hidden: boolean; offset: number }[];
  strings: string[];
  /** The format code of each cell style (XF), in the order of the XF records. */
  styles: string[];
  system: DateSystem;
  codepage: number;
}

/**
 * Reads an Excel 97–2003 workbook (.xls) or a WPS spreadsheet (.et), which store the same BIFF8
 * `Workbook` stream in an OLE compound file. The globals give the sheets (BOUNDSHEET), the shared
 * strings (SST, whose strings CONTINUE records may split anywhere, even mid-string and switching
 * between 8- and 16-bit characters), the date system (DATEMODE), the code page of 8-bit strings
 * (CODEPAGE; 936 is GBK) and the number formats of the cell styles (FORMAT, XF). Each worksheet's
 * cells come from LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR and FORMULA (with the STRING
 * that holds a text result), its merged ranges from MERGEDCELLS. Every record is bounded by the
 * stream. An encrypted workbook (FILEPASS) is refused as 'unsupported-format'; a damaged one as
 * 'corrupt-file'.
 */
export function readXls(ole: OleFile, name = 'input', limits: Partial<Pick<Limits, 'maxCells'>> = {}, budget = new CellBudget(limits.maxCells, name)): RawDocument {
  const stream = ole.stream('Workbook') ?? ole.stream('Book');
  if (!stream) throw corruptWorkbook(name, 'the OLE file holds no Workbook stream');
  const maxCells = limits.maxCells ?? DEFAULT_LIMITS.maxCells;
  const globals = guarded(name, 'the workbook globals are damaged', () => readGlobals(stream, name));
  const tables: RawTable[] = [];
  for (const entry of globals.sheets) {
    const sheet = readSheet(stream, entry, globals, name, budget);
    const table = sheet && sheetTable(sheet, tables.length + 1, name, maxCells);
    if (table) tables.push(table);
  }
  return { tables, dialect: null, encoding: globals.codepage === 1200 ? 'utf-16le' : codepageName(globals.codepage) };
}

/** Runs a reading step, turning a read past the end of a record into 'corrupt-file'. */
function guarded<T>(name: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw corruptWorkbook(name, `${what} (${error.message})`);
    throw error;
  }
}

/** Walks the records of a stream from an offset, each bounded by the stream's end. */
function* records(stream: Uint8Array, start: number, name: string): Generator<BiffRecord> {
  const view = viewOf(stream);
  let offset = start;
  while (offset + 4 <= stream.length) {
    const type = view.getUint16(offset, true);
    const length = view.getUint16(offset + 2, true);
    if (offset + 4 + length > stream.length) throw corruptWorkbook(name, `the workbook is truncated (a record at byte ${offset} runs past the end of the stream)`);
    yield { type, data: stream.subarray(offset + 4, offset + 4 + length), offset };
    offset += 4 + length;
  }
  if (offset < stream.length) throw corruptWorkbook(name, `the workbook is truncated (a record header at byte ${offset} is cut off)`);
}

function readGlobals(stream: Uint8Array, name: string): Globals {
  const globals: Globals = { sheets: [], strings: [], styles: [], system: 1900, codepage: 1252 };
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let sst: Uint8Array[] | null = null;
  let first = true;
  for (const record of records(stream, 0, name)) {
    if (first) {
      checkBof(record, name);
      first = false;
      continue;
    }
    if (record.type !== RECORD.CONTINUE && sst) {
      globals.strings = readSst(sst, name, globals.codepage);
      sst = null;
    }
    const { data } = record;
    const view = viewOf(data);
    switch (record.type) {
      case RECORD.FILEPASS:
        throw new FenjieError('unsupported-format', `${name}: this workbook is encrypted (password-protected); remove the password and save it again`);
      case RECORD.CODEPAGE:
        if (data.length >= 2) globals.codepage = view.getUint16(0, true);
        break;
      case RECORD.DATEMODE:
        if (data.length >= 2 && view.getUint16(0, true) === 1) globals.system = 1904;
        break;
      case RECORD.FORMAT:
        if (data.length >= 5) formats.set(view.getUint16(0, true), new Segments([data.subarray(2)], globals.codepage).unicodeString(2));
        break;
      case RECORD.XF:
        if (data.length >= 4) xfFormats.push(view.getUint16(2, true));
        break;
      case RECORD.BOUNDSHEET:
        if (data.length >= 8 && data[5] === 0) {
          globals.sheets.push({ offset: view.getUint32(0, true), hidden: (data[4] ?? 0) !== 0, name: new Segments([data.subarray(6)], globals.codepage).unicodeString(1) });
        }
        break;
      case RECORD.SST:
        sst = [data];
        break;
      case RECORD.CONTINUE:
        sst?.push(data);
        break;
    }
    if (record.type === RECORD.EOF) break;
  }
  if (first) throw corruptWorkbook(name, 'the Workbook stream is empty');
  if (sst) globals.strings = readSst(sst, name, globals.codepage);
  globals.styles = xfFormats.map((id) => formatCode(id, formats));
  return globals;
}

/** A BIFF8 workbook starts with a BOF record of version 0x0600; older ones are refused by name. */
function checkBof(record: BiffRecord, name: string): void {
  if (OLD_BOFS.has(record.type)) throw new FenjieError('unsupported-format', `${name}: this is an Excel 2.x–4.0 workbook; save it as .xlsx`);
  if (record.type !== RECORD.BOF || record.data.length < 4) throw corruptWorkbook(name, 'the Workbook stream does not start with a BOF record');
  const version = viewOf(record.data).getUint16(0, true);
  if (version !== BIFF8) {
    throw new FenjieError('unsupported-format', `${name}: this is an Excel 5.0/95 workbook (BIFF${version === 0x0500 ? 5 : '?'}); save it as .xlsx`);
  }
}

/**
 * The shared string table, from the SST record and the CONTINUE records after it. The count the
 * record declares is checked against the bytes there are before any string is read.
 */
function readSst(parts: Uint8Array[], name: string, codepage: number): string[] {
  const first = parts[0] as Uint8Array;
  if (first.length < 8) throw corruptWorkbook(name, 'the shared string table (SST) is truncated');
  const unique = viewOf(first).getUint32(4, true);
  const bytes = parts.reduce((n, part) => n + part.length, 0) - 8;
  // Every string takes at least 3 bytes (its length and flags), so a larger count is a lie.
  if (unique > bytes / 3) throw corruptWorkbook(name, `the shared string table declares ${unique} strings in ${bytes} bytes`);
  const reader = new Segments([first.subarray(8), ...parts.slice(1)], codepage);
  const strings: string[] = [];
  for (let i = 0; i < unique && !reader.done(); i += 1) strings.push(reader.richString(name));
  return strings;
}

/**
 * Reads across a record and its CONTINUE records. Where the characters of a string run on into the
 * next record, that record starts with a flags byte saying whether the rest is 8- or 16-bit.
 */
class Segments {
  private index = 0;
  private position = 0;

  constructor(
    private readonly parts: readonly Uint8Array[],
    private readonly codepage: number,
  ) {}

  done(): boolean {
    while (this.index < this.parts.length && this.position >= (this.parts[this.index] as Uint8Array).length) this.next();
    return this.index >= this.parts.length;
  }

  private next(): void {
    this.index += 1;
    this.position = 0;
  }

  private current(): Uint8Array {
    if (this.done()) throw new RangeError('a string runs past the end of its record');
    return this.parts[this.index] as Uint8Array;
  }

  byte(): number {
    const part = this.current();
    const value = part[this.position] as number;
    this.position += 1;
    return value;
  }

  uint16(): number {
    return this.byte() | (this.byte() << 8);
  }

  uint32(): number {
    return (this.uint16() | (this.uint16() << 16)) >>> 0;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0) {
      const part = this.current();
      const step = Math.min(left, part.length - this.position);
      this.position += step;
      left -= step;
    }
  }

  /** `count` characters, 16-bit or 8-bit as the flags say, re-reading the flags at each record break. */
  characters(count: number, wide: boolean): string {
    let out = '';
    let left = count;
    let sixteen = wide;
    while (left > 0) {
      let part = this.parts[this.index];
      if (part === undefined) throw new RangeError('a string runs past the end of its record');
      if (this.position >= part.length) {
        this.next();
        part = this.current();
        sixteen = (this.byte() & 0x01) !== 0;
      }
      const size = sixteen ? 2 : 1;
      const take = Math.min(left, Math.floor((part.length - this.position) / size));
      if (take === 0) throw new RangeError('a character is split between two records');
      const bytes = part.subarray(this.position, this.position + take * size);
      out += sixteen ? UTF16.decode(bytes) : eightBit(bytes, this.codepage);
      this.position += take * size;
      left -= take;
    }
    return out;
  }

  /** An XLUnicodeString (16-bit length) or ShortXLUnicodeString (8-bit length). */
  unicodeString(lengthBytes: 1 | 2): string {
    const count = lengthBytes === 1 ? this.byte() : this.uint16();
    const flags = this.byte();
    return this.characters(count, (flags & 0x01) !== 0);
  }

  /** An XLUnicodeRichExtendedString of the SST: its characters, its formatting runs and phonetic data skipped. */
  richString(name: string): string {
    try {
      const count = this.uint16();
      const flags = this.byte();
      const runs = flags & 0x08 ? this.uint16() : 0;
      const extended = flags & 0x04 ? this.uint32() : 0;
      const text = this.characters(count, (flags & 0x01) !== 0);
      this.skip(runs * 4 + extended);
      return text;
    } catch (error) {
      if (error instanceof RangeError) throw corruptWorkbook(name, `the shared string table is damaged (${error.message})`);
      throw error;
    }
  }
}

const UTF16 = new TextDecoder('utf-16le');
const LATIN1 = new TextDecoder('latin1');

/**
 * 8-bit ("compressed") characters are the low bytes of UTF-16, so Latin-1. Some Chinese writers put
 * GBK bytes there instead; where the workbook's code page is 936 and the bytes read as GBK with Han
 * characters, they are taken as GBK.
 */
function eightBit(bytes: Uint8Array, codepage: number): string {
  if (codepage === 936 && bytes.some((b) => b >= 0x80)) {
    try {
      const text = new TextDecoder('gbk', { fatal: true }).decode(bytes);
      if (/[\u4e00-\u9fff]/.test(text)) return text;
    } catch {
      // not GBK: Latin-1 as the format says
    }
  }
  return LATIN1.decode(bytes);
}

function codepageName(codepage: number): string {
  if (codepage === 936) return 'gbk';
  if (codepage === 65001) return 'utf-8';
  return `windows-${codepage}`;
}

/** Reads one worksheet substream: its cells with their shown text, and its merged ranges. */
function readSheet(stream: Uint8Array, entry: Globals['sheets'][number], globals: Globals, name: string, budget: CellBudget): Sheet | null {
  if (entry.offset >= stream.length) throw corruptWorkbook(name, `sheet "${entry.name}" starts past the end of the Workbook stream`);
  const cells = new SheetCells();
  const merges: Sheet['merges'] = [];
  let depth = 0;
  let pending: { row: number; column: number } | null = null;
  let stringParts: Uint8Array[] | null = null;
  const add = (row: number, column: number, text: string) => {
    budget.take();
    cells.push(row, column, text);
  };
  const finishString = () => {
    if (stringParts && pending) add(pending.row, pending.column, new Segments(stringParts, globals.codepage).unicodeString(2));
    stringParts = null;
    pending = null;
  };
  try {
    for (const record of records(stream, entry.offset, name)) {
      const { data, type } = record;
      if (type === RECORD.BOF) {
        // The first BOF opens the sheet; a worksheet that is a chart or macro sheet holds no cells.
        if (depth === 0 && data.length >= 4 && viewOf(data).getUint16(2, true) !== SUBSTREAM_WORKSHEET) return null;
        depth += 1;
        continue;
      }
      if (type === RECORD.EOF) {
        depth -= 1;
        if (depth <= 0) break;
        continue;
      }
      // Records of a chart embedded in the sheet are not the sheet's.
      if (depth !== 1) continue;
      if (type === RECORD.CONTINUE) {
        stringParts?.push(data);
        continue;
      }
      if (stringParts) finishString();
      if (type === RECORD.STRING) {
        if (pending) stringParts = [data];
        continue;
      }
      if (type === RECORD.MERGEDCELLS) {
        for (const merge of mergedCells(data)) merges.push(merge);
        continue;
      }
      if (data.length < 6) continue;
      const view = viewOf(data);
      const row = view.getUint16(0, true);
      const column = view.getUint16(2, true);
      const style = globals.styles[view.getUint16(4, true)] ?? 'General';
      const number = (value: number, format = style) => formatNumber(value, format, globals.system);
      switch (type) {
        case RECORD.LABELSST:
          if (data.length >= 10) add(row, column, globals.strings[view.getUint32(6, true)] ?? '');
          break;
        case RECORD.LABEL:
        case RECORD.RSTRING:
          add(row, column, new Segments([data.subarray(6)], globals.codepage).unicodeString(2));
          break;
        case RECORD.NUMBER:
          if (data.length >= 14) add(row, column, number(view.getFloat64(6, true)));
          break;
        case RECORD.RK:
          if (data.length >= 10) add(row, column, number(rkValue(view.getUint32(6, true))));
          break;
        case RECORD.MULRK:
          for (let at = 4; at + 6 <= data.length - 2; at += 6) {
            add(row, column + (at - 4) / 6, number(rkValue(view.getUint32(at + 2, true)), globals.styles[view.getUint16(at, true)] ?? 'General'));
          }
          break;
        case RECORD.BOOLERR:
          if (data.length >= 8) add(row, column, data[7] ? (ERRORS.get(data[6] as number) ?? '#ERROR') : data[6] ? 'TRUE' : 'FALSE');
          break;
        case RECORD.FORMULA:
          if (data.length >= 14) {
            const result = formulaResult(data, view, number);
            if (result === 'string') pending = { row, column };
            else if (result !== null) add(row, column, result);
          }
          break;
      }
    }
    finishString();
  } catch (error) {
    if (error instanceof RangeError) throw corruptWorkbook(name, `sheet "${entry.name}" is damaged (${error.message})`);
    throw error;
  }
  return { name: entry.name, hidden: entry.hidden, cells, merges };
}

/**
 * The cached result of a FORMULA record: a number in the cell's format, a boolean, an error, '' for
 * an empty string, or 'string' when the text follows in a STRING record.
 */
function formulaResult(data: Uint8Array, view: DataView, number: (value: number) => string): string | null {
  if (view.getUint16(12, true) !== 0xffff) return number(view.getFloat64(6, true));
  switch (data[6]) {
    case 0:
      return 'string';
    case 1:
      return data[8] ? 'TRUE' : 'FALSE';
    case 2:
      return ERRORS.get(data[8] as number) ?? '#ERROR';
    default:
      return null;
  }
}

/** An RK number: a 30-bit integer or the top 30 bits of a double, possibly divided by 100. */
function rkValue(rk: number): number {
  let value: number;
  if (rk & 0x02) {
    value = (rk | 0) >> 2;
  } else {
    const bytes = new DataView(new ArrayBuffer(8));
    bytes.setUint32(4, rk & 0xfffffffc, true);
    value = bytes.getFloat64(0, true);
  }
  return rk & 0x01 ? Number(general(value / 100)) : value;
}

/** The ranges of a MERGEDCELLS record (rows and columns 0-based, inclusive). */
function mergedCells(data: Uint8Array): Sheet['merges'] {
  const view = viewOf(data);
  if (data.length < 2) return [];
  const count = Math.min(view.getUint16(0, true), Math.floor((data.length - 2) / 8));
  const out: Sheet['merges'] = [];
  for (let i = 0; i < count; i += 1) {
    const at = 2 + i * 8;
    out.push({ top: view.getUint16(at, true), bottom: view.getUint16(at + 2, true), left: view.getUint16(at + 4, true), right: view.getUint16(at + 6, true) });
  }
  return out;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
