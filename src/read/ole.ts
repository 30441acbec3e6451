import { FenjieError } from '../errors.js';

/** What an OLE compound file (the container of .doc, .xls, .et and .wps files) holds. */
export type OleKind = 'doc' | 'xls' | 'encrypted-ooxml' | 'powerpoint' | 'other';

/** An opened OLE compound file: its kind and its streams by name. */
export interface OleFile {
  kind: OleKind;
  /** The names of the streams directly under the root, in directory order. */
  streams: string[];
  /** The bytes of a stream under the root, by name (case-insensitive), or null when there is none. */
  stream(name: string): Uint8Array | null;
}

// [MS-CFB] (Compound File Binary File Format); section numbers in the comments are its own.
const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_SIZE = 512;
/** Sector numbers above this are markers: DIFSECT, FATSECT, ENDOFCHAIN, FREESECT (2.1). */
const MAX_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
/** The header holds the first 109 FAT sector numbers (2.2 Header: DIFAT). */
const HEADER_DIFAT = 109;
const DIRECTORY_ENTRY = 128;
const NO_STREAM = 0xffffffff;
const TYPE_STREAM = 2;
const MINI_SECTOR_SHIFT = 6;

/** A directory entry (2.6): its name, type, tree links, first sector and size. */
interface Entry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/**
 * Opens an OLE compound file and tells what it holds from its streams: `WordDocument` is Word 97
 * and later (WPS saves .wps the same way), `Workbook` or `Book` is an Excel workbook (WPS .et too),
 * `EncryptionInfo` + `EncryptedPackage` is a password-protected .docx/.xlsx. The container is read
 * here rather than with a library: only the header, the FAT, the directory and the streams asked for
 * are read, and a stream whose sectors lie in a row in the file (as writers lay out large ones) is a
 * view of the input, not a copy; `cfb` copied every sector of a 48 MB file into new buffers, 6 ns a
 * byte. A container that cannot be read is refused as 'corrupt-file', never a crash or a hang.
 */
export function openOle(bytes: Uint8Array, name: string): OleFile {
  const container = new Container(bytes, name);
  const entries = new Map<string, Entry>();
  for (const entry of container.rootStreams()) entries.set(entry.name.toLowerCase(), entry);
  const has = (stream: string) => entries.has(stream.toLowerCase());
  const read = new Map<string, Uint8Array>();
  return {
    kind: kindOf(has),
    streams: [...entries.values()].map((entry) => entry.name),
    stream(stream) {
      const key = stream.toLowerCase();
      const entry = entries.get(key);
      if (!entry) return null;
      let content = read.get(key);
      if (!content) read.set(key, (content = container.content(entry)));
      return content;
    },
  };
}

/** The structures of a compound file: sector size, FAT, directory and mini stream (2.2 ff.). */
class Container {
  private readonly view: DataView;
  private readonly shift: number;
  private readonly sectors: number;
  private readonly fat: Uint32Array;
  private readonly entries: Entry[];
  private readonly cutoff: number;
  private readonly miniFatStart: number;
  private mini: { fat: Uint32Array; stream: Uint8Array } | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly name: string,
  ) {
    if (bytes.length < HEADER_SIZE || SIGNATURE.some((b, i) => bytes[i] !== b)) throw this.damaged('it has no compound file header');
    const view = (this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // 2.2: sector shift 9 (512-byte sectors, version 3) or 12 (4096, version 4); mini sectors of 64 bytes.
    this.shift = view.getUint16(0x1e, true);
    if (this.shift !== 9 && this.shift !== 12) throw this.damaged(`its sector size is 2^${this.shift}`);
    if (view.getUint16(0x20, true) !== MINI_SECTOR_SHIFT) throw this.damaged(`its mini sector size is 2^${view.getUint16(0x20, true)}`);
    const size = 1 << this.shift;
    // Sector n starts at (n + 1) · size; a last sector cut short still counts, its missing bytes read as absent.
    this.sectors = Math.max(0, Math.ceil((bytes.length - size) / size));
    this.fat = this.readFat(view.getUint32(0x2c, true), view.getUint32(0x44, true), view.getUint32(0x48, true));
    this.cutoff = view.getUint32(0x38, true);
    this.miniFatStart = view.getUint32(0x3c, true);
    this.entries = this.readDirectory(view.getUint32(0x30, true));
  }

  /** The stream entries under the root storage, in directory order (2.6.4: the root's child and its siblings). */
  rootStreams(): Entry[] {
    const found: number[] = [];
    const seen = new Set<number>();
    const stack = [this.entries[0]!.child];
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (index === NO_STREAM || seen.has(index)) continue;
      const entry = this.entries[index];
      if (!entry) throw this.damaged(`its directory links to entry ${index}, past the last`);
      seen.add(index);
      if (entry.type === TYPE_STREAM) found.push(index);
      stack.push(entry.left, entry.right);
    }
    return found.sort((a, b) => a - b).map((index) => this.entries[index]!);
  }

  /** A stream's bytes: from the mini stream when it is smaller than the cutoff (2.2: 4096 bytes), else from sectors. */
  content(entry: Entry): Uint8Array {
    if (entry.size < this.cutoff) {
      const mini = (this.mini ??= this.readMiniStream());
      return gather(mini.stream, mini.fat, entry.start, entry.size, MINI_SECTOR_SHIFT, 0, () => this.damaged('a mini stream chain loops or leaves the mini stream'));
    }
    return this.chain(entry.start, entry.size);
  }

  /** The bytes of a chain of sectors from `start`, `size` of them (as many as there are, if the file was cut short). */
  private chain(start: number, size: number): Uint8Array {
    return gather(this.bytes, this.fat, start, size, this.shift, 1 << this.shift, () => this.damaged('a sector chain loops or points outside the file'));
  }

  /** The FAT (2.3): the sectors that hold it are listed in the header (109) and then in the DIFAT chain (2.5). */
  private readFat(count: number, difatStart: number, difatCount: number): Uint32Array {
    const perSector = (1 << this.shift) / 4;
    if (count > this.sectors) throw this.damaged(`its header claims ${count} FAT sectors in a file of ${this.sectors}`);
    const fatSectors: number[] = [];
    // A list of FAT sector numbers, free entries skipped, until the header's count is reached.
    const list = (at: number, entries: number) => {
      for (const sector of uint32s(this.bytes, at, entries)) if (sector <= MAX_SECTOR && fatSectors.length < count) fatSectors.push(sector);
    };
    list(0x4c, HEADER_DIFAT);
    let difat = difatStart;
    for (let d = 0; d < difatCount && fatSectors.length < count && difat <= MAX_SECTOR; d += 1) {
      if (d >= this.sectors) throw this.damaged('its DIFAT chain loops');
      const at = this.offsetOf(difat);
      // A DIFAT sector's last entry is the number of the next one.
      list(at, perSector - 1);
      difat = this.view.getUint32(at + 4 * (perSector - 1), true);
    }
    const fat = new Uint32Array(fatSectors.length * perSector);
    fatSectors.forEach((sector, k) => fat.set(uint32s(this.bytes, this.offsetOf(sector), perSector), k * perSector));
    return fat;
  }

  /** The directory (2.6): 128-byte entries in the chain from the header's first directory sector. */
  private readDirectory(start: number): Entry[] {
    const bytes = this.chain(start, Number.MAX_SAFE_INTEGER);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries: Entry[] = [];
    for (let at = 0; at + DIRECTORY_ENTRY <= bytes.length; at += DIRECTORY_ENTRY) {
      const length = Math.min(64, view.getUint16(at + 0x40, true));
      // The size is 64-bit; version 3 files may leave junk in its high half (2.6.3), and no stream here is over 4 GB.
      const high = this.shift === 12 ? view.getUint32(at + 0x7c, true) : 0;
      entries.push({
        name: new TextDecoder('utf-16le').decode(bytes.subarray(at, at + Math.max(0, length - 2))),
        type: bytes[at + 0x42]!,
        left: view.getUint32(at + 0x44, true),
        right: view.getUint32(at + 0x48, true),
        child: view.getUint32(at + 0x4c, true),
        start: view.getUint32(at + 0x74, true),
        size: high === 0 ? view.getUint32(at + 0x78, true) : Number.MAX_SAFE_INTEGER,
      });
    }
    if (entries[0]?.type !== 5) throw this.damaged('its directory does not start with a root entry');
    return entries;
  }

  /** The mini stream (the root entry's sectors) and the mini FAT that chains its 64-byte sectors (2.4). */
  private readMiniStream(): { fat: Uint32Array; stream: Uint8Array } {
    const root = this.entries[0]!;
    const table = this.chain(this.miniFatStart, Number.MAX_SAFE_INTEGER);
    return { fat: uint32s(table, 0, Math.floor(table.length / 4)), stream: this.chain(root.start, root.size) };
  }

  /** Where a whole sector (of the FAT or the DIFAT) starts in the file. */
  private offsetOf(sector: number): number {
    const at = (sector + 1) * (1 << this.shift);
    if (at + (1 << this.shift) > this.bytes.length) throw this.damaged(`it points at sector ${sector}, past the end of the file`);
    return at;
  }

  private damaged(why: string): FenjieError {
    return new FenjieError('corrupt-file', `${this.name}: the OLE container (.doc/.xls/.wps/.et) is damaged (${why})`);
  }
}

/**
 * Follows a chain of sectors through a FAT and gathers `size` bytes from them (all the chain holds
 * when it ends sooner). Sector n of `bytes` starts at `first + n · 2^shift`: `first` is the header's
 * sector in the file, 0 in the mini stream. A chain whose sectors follow each other is a view of
 * `bytes`, not a copy. A chain that comes back to a sector loops.
 */
function gather(bytes: Uint8Array, fat: Uint32Array, start: number, size: number, shift: number, first: number, damaged: () => FenjieError): Uint8Array {
  const sector = 1 << shift;
  const available = Math.max(0, Math.ceil((bytes.length - first) / sector));
  const wanted = Math.min(size, available * sector);
  const runs: [number, number][] = [];
  const visited = new Uint8Array(available);
  let total = 0;
  for (let at = start; at !== END_OF_CHAIN && at !== FREE_SECTOR && total < wanted; ) {
    if (at > MAX_SECTOR || at >= available || visited[at] === 1) throw damaged();
    visited[at] = 1;
    const from = first + at * sector;
    const take = Math.min(sector, wanted - total, bytes.length - from);
    const last = runs.at(-1);
    if (last && last[1] === from) last[1] += take;
    else runs.push([from, from + take]);
    total += take;
    at = at < fat.length ? fat[at]! : END_OF_CHAIN;
  }
  if (runs.length === 1) return bytes.subarray(runs[0]![0], runs[0]![1]);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const [from, to] of runs) {
    out.set(bytes.subarray(from, to), offset);
    offset += to - from;
  }
  return out;
}

/** `count` little-endian 32-bit numbers from `at` on. */
function uint32s(bytes: Uint8Array, at: number, count: number): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 4 * count);
  const numbers = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) numbers[i] = view.getUint32(4 * i, true);
  return numbers;
}

function kindOf(has: (stream: string) => boolean): OleKind {
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('EncryptionInfo') && has('EncryptedPackage')) return 'encrypted-ooxml';
  if (has('PowerPoint Document')) return 'powerpoint';
  return 'other';
}

/** Says what an OLE file that is not a readable Word or Excel file is, for an 'unsupported-format' error. */
export function describeOle(kind: Exclude<OleKind, 'doc' | 'xls'>): string {
  switch (kind) {
    case 'encrypted-ooxml':
      return 'a password-protected Office document; remove the password and save it again';
    case 'powerpoint':
      return 'a PowerPoint presentation; fenjie reads Word, Excel, HTML, text and Markdown tables';
    case 'other':
      return 'an OLE compound file that holds neither a Word document nor an Excel workbook';
  }
}
