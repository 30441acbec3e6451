import { Inflate } from 'fflate';
import { FenjieError } from '../errors.js';
import { DEFAULT_LIMITS, formatSize, type Limits } from '../limits.js';

/** Caps on what reading a zip archive may inflate; every field is optional (defaults: DEFAULT_LIMITS). */
export type ZipLimits = Partial<Pick<Limits, 'maxInflatedBytes' | 'maxCompressionRatio'>>;

/** The limits applied when none are given. */
export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxInflatedBytes: DEFAULT_LIMITS.maxInflatedBytes,
  maxCompressionRatio: DEFAULT_LIMITS.maxCompressionRatio,
};

/** One entry of a zip archive's central directory. */
interface ZipEntry {
  path: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A 16- or 32-bit field holding this value defers to the ZIP64 record or extra field. */
const ZIP64_MARK_16 = 0xffff;
const ZIP64_MARK_32 = 0xffffffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 1;
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most about 1032×, so one
 * push can never produce more than about 16 MiB before the output count is checked again.
 */
const INFLATE_CHUNK = 16 * 1024;

/**
 * Reads one entry of a zip archive (a .docx) into memory, or returns null when the archive has no
 * such entry. See {@link inflateZipEntry} for the limits and errors.
 */
export function readZipEntry(bytes: Uint8Array, path: string, name: string, limits?: ZipLimits): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  if (!inflateZipEntry(bytes, path, name, (chunk) => chunks.push(chunk), limits)) return null;
  return concat(chunks);
}

/**
 * Lists the entry paths of a zip archive's central directory, without inflating anything; used to
 * tell a Word document from a workbook or an OpenDocument file. Throws 'corrupt-docx' as below.
 */
export function zipEntryPaths(bytes: Uint8Array, name: string): string[] {
  return readCentralDirectory(bytes, name).map((entry) => entry.path);
}

/**
 * Inflates one entry of a zip archive chunk by chunk into `onData`, and returns false when the
 * archive has no such entry. Entry paths are compared as OPC compares part names, ignoring ASCII
 * case. Before anything is inflated, the archive is refused ('limit-exceeded') when its central
 * directory declares more than `maxInflatedBytes` in total or an entry more than `maxCompressionRatio` times its
 * compressed size; because those sizes may lie, inflating stops with the same error as soon as the
 * real output passes either limit. A file that is not a readable zip is refused as 'corrupt-docx'.
 */
export function inflateZipEntry(
  bytes: Uint8Array,
  path: string,
  name: string,
  onData: (chunk: Uint8Array) => void,
  limits?: ZipLimits,
): boolean {
  const found = findEntry(bytes, path, name, limits);
  if (!found) return false;
  inflateFound(found, name, onData);
  return true;
}

/**
 * {@link inflateZipEntry} for a part that may be large (a Word document's body, a worksheet, shared
 * strings): an entry too large to inflate natively in one piece (over NATIVE_MAX) is inflated by
 * Node's zlib as a stream, on its thread pool, a mebibyte at a time, rather than by fflate on the
 * main thread. A 100,000-measure document.xml (58 MiB) took fflate 140–220 ms warm and the stream
 * 20–25 ms, without ever being held whole. Elsewhere (smaller entries, no native zlib) it inflates as
 * `inflateZipEntry` does.
 */
export async function inflateLargeZipEntry(
  bytes: Uint8Array,
  path: string,
  name: string,
  onData: (chunk: Uint8Array) => void,
  limits?: ZipLimits,
): Promise<boolean> {
  const found = findEntry(bytes, path, name, limits);
  if (!found) return false;
  const { entry, data, settings } = found;
  const streamed = nativeZlib?.createInflateRaw !== undefined && entry.method === METHOD_DEFLATE && entry.size > NATIVE_MAX && data.length > 0;
  if (streamed) await inflateStreamed(data, entry, settings, name, onData);
  else inflateFound(found, name, onData);
  return true;
}

/** An entry found in an archive: its central-directory record, its compressed bytes and the limits. */
interface FoundEntry {
  entry: ZipEntry;
  data: Uint8Array;
  settings: Required<ZipLimits>;
}

/** Hands on a found entry's bytes: as stored, or inflated under the limits (natively in one piece where it may be, else by fflate). */
function inflateFound({ entry, data, settings }: FoundEntry, name: string, onData: (chunk: Uint8Array) => void): void {
  if (entry.method === METHOD_STORED) onData(data);
  else inflateGuarded(data, entry, settings, name, onData);
}

/** An entry of the archive and its compressed bytes, after the declared sizes are checked; null when there is no such entry. */
function findEntry(bytes: Uint8Array, path: string, name: string, limits?: ZipLimits): FoundEntry | null {
  const settings = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const entries = readCentralDirectory(bytes, name);
  checkDeclaredSizes(entries, settings, name);
  const wanted = path.replace(/^\//, '').toLowerCase();
  const entry = entries.find((e) => e.path.toLowerCase() === wanted);
  return entry ? { entry, data: entryData(bytes, entry, name), settings } : null;
}

/** Refuses an archive whose declared sizes already break a limit, before anything is inflated. */
function checkDeclaredSizes(entries: readonly ZipEntry[], limits: Required<ZipLimits>, name: string): void {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxInflatedBytes) {
    throw new FenjieError(
      'limit-exceeded',
      `${name}: the archive would inflate to ${formatSize(total)}, more than the limit of ${formatSize(limits.maxInflatedBytes)} (option maxInflatedBytes)`,
    );
  }
  for (const entry of entries) {
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (ratio > limits.maxCompressionRatio) {
      throw new FenjieError(
        'limit-exceeded',
        `${name}: ${entry.path} would inflate to ${Math.round(ratio)}× its compressed size, more than the limit of ${limits.maxCompressionRatio}× (option maxCompressionRatio)`,
      );
    }
  }
}

/** The part of Node's zlib used here. */
interface NativeZlib {
  inflateRawSync(data: Uint8Array, options: { maxOutputLength: number }): Uint8Array;
  /** Absent where a runtime gives the sync call alone; large entries then go through fflate. */
  createInflateRaw?(options: { chunkSize: number }): InflateStream;
}

/** The part of a zlib stream used here (a Node Transform). */
interface InflateStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  end(data: Uint8Array): void;
  destroy(): void;
}

/**
 * Node's zlib, reached without an import (`process.getBuiltinModule`, Node 20.16 and later) so that
 * the core still bundles for browsers, where this is null and fflate inflates. Native inflating is
 * some 20× faster than fflate in a fresh process, whose JavaScript has not been optimized yet.
 */
const nativeZlib: NativeZlib | null = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.('node:zlib') as Partial<NativeZlib> | undefined;
  return typeof zlib?.inflateRawSync === 'function' ? (zlib as NativeZlib) : null;
})();

/**
 * Largest output inflated natively in one piece; a larger entry is streamed, so that a large part is
 * never held whole as bytes: through native zlib where `inflateLargeZipEntry` reads it, else through fflate.
 */
const NATIVE_MAX = 32 * 1024 * 1024;
/** Output handed on at a time after native inflating, about what fflate hands on per push. */
const NATIVE_CHUNK = 256 * 1024;

/**
 * Inflates deflated data, counting the real output against both limits: natively in one piece when
 * the output fits under both limits and NATIVE_MAX, else (no native zlib, a part that is large, lies
 * about its size or is damaged) in small fflate pushes, which name the limit passed or the damage.
 */
function inflateGuarded(data: Uint8Array, entry: ZipEntry, limits: Required<ZipLimits>, name: string, onData: (chunk: Uint8Array) => void): void {
  const ratioCap = limits.maxCompressionRatio * Math.max(1, entry.compressedSize);
  const nativeCap = Math.floor(Math.min(limits.maxInflatedBytes, ratioCap, NATIVE_MAX));
  if (nativeZlib && entry.size <= nativeCap && data.length > 0) {
    let out: Uint8Array | null = null;
    try {
      out = nativeZlib.inflateRawSync(data, { maxOutputLength: nativeCap });
    } catch {
      // Past the cap, or damaged: fflate below inflates again and says which, as it always has.
    }
    if (out) {
      for (let at = 0; at < out.length; at += NATIVE_CHUNK) onData(new Uint8Array(out.buffer, out.byteOffset + at, Math.min(NATIVE_CHUNK, out.length - at)));
      return;
    }
  }
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    checkOutput(produced, entry, limits, name);
    if (chunk.length > 0) onData(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
    }
  } catch (error) {
    // fflate marks its own errors with a numeric code; anything else (our limits, the consumer) passes through.
    if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'number') throw error;
    throw new FenjieError('corrupt-docx', `${name}: ${entry.path} is damaged and cannot be inflated (${error.message})`, { cause: error });
  }
}

/** Output handed on at a time by a streamed native inflate. */
const STREAM_CHUNK = 1024 * 1024;

/**
 * Inflates deflated data through a native zlib stream, counting the real output against both
 * limits as `inflateGuarded` does. Whatever stops it (a limit, damage, an error of `onData`, such as
 * the cell budget) destroys the stream and rejects, once; nothing is handed on after that.
 */
function inflateStreamed(data: Uint8Array, entry: ZipEntry, limits: Required<ZipLimits>, name: string, onData: (chunk: Uint8Array) => void): Promise<void> {
  const stream = (nativeZlib as Required<NativeZlib>).createInflateRaw({ chunkSize: STREAM_CHUNK });
  return new Promise((resolve, reject) => {
    let produced = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(error);
    };
    stream.on('data', (chunk) => {
      if (failed) return;
      produced += chunk.length;
      try {
        checkOutput(produced, entry, limits, name);
        onData(chunk);
      } catch (error) {
        fail(error);
      }
    });
    stream.on('error', (error) => fail(new FenjieError('corrupt-docx', `${name}: ${entry.path} is damaged and cannot be inflated (${error.message})`, { cause: error })));
    stream.on('end', () => {
      if (!failed) resolve();
    });
    stream.end(data);
  });
}

/** Throws 'limit-exceeded' once an entry's real output passes either limit, whatever its header declared. */
function checkOutput(produced: number, entry: ZipEntry, limits: Required<ZipLimits>, name: string): void {
  if (produced > limits.maxInflatedBytes) {
    throw lyingHeader(name, entry, `past the limit of ${formatSize(limits.maxInflatedBytes)} (option maxInflatedBytes)`, formatSize(entry.size));
  }
  if (produced > limits.maxCompressionRatio * Math.max(1, entry.compressedSize)) {
    throw lyingHeader(name, entry, `past ${limits.maxCompressionRatio}× its compressed size (option maxCompressionRatio)`, `${Math.round(entry.size / Math.max(1, entry.compressedSize))}×`);
  }
}

function lyingHeader(name: string, entry: ZipEntry, limit: string, declared: string): FenjieError {
  return new FenjieError('limit-exceeded', `${name}: ${entry.path} inflates ${limit}, although the archive declares ${declared}`);
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry, name: string): Uint8Array {
  const view = viewOf(bytes);
  if (entry.localOffset + 30 > bytes.length || view.getUint32(entry.localOffset, true) !== LOCAL_SIGNATURE) {
    throw corrupt(name, `the zip archive is damaged (the local header of ${entry.path} is missing)`);
  }
  if (entry.flags & FLAG_ENCRYPTED) throw corrupt(name, `${entry.path} is encrypted`);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    throw corrupt(name, `${entry.path} is compressed with method ${entry.method}, which fenjie cannot inflate`);
  }
  const start = entry.localOffset + 30 + view.getUint16(entry.localOffset + 26, true) + view.getUint16(entry.localOffset + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt(name, `the zip archive is truncated (${entry.path} runs past the end of the file)`);
  return bytes.subarray(start, end);
}

/** Lists the entries of the central directory, reading ZIP64 records where the archive has them. */
function readCentralDirectory(bytes: Uint8Array, name: string): ZipEntry[] {
  const view = viewOf(bytes);
  const eocd = findEndOfCentralDirectory(bytes, name);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === ZIP64_MARK_16 || offset === ZIP64_MARK_32) {
    const record = findZip64Record(view, eocd, name);
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length) throw corrupt(name, 'the zip archive is truncated (its central directory runs past the end of the file)');
    if (view.getUint32(offset, true) !== CENTRAL_SIGNATURE) throw corrupt(name, 'the zip archive is damaged (an entry of its central directory is unreadable)');
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength + extraLength > bytes.length) {
      throw corrupt(name, 'the zip archive is truncated (its central directory runs past the end of the file)');
    }
    const entry: ZipEntry = {
      path: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    };
    applyZip64Extra(entry, view, offset + 46 + nameLength, extraLength);
    // Two entries of one name (as OPC compares names, ignoring case) are refused: zip readers disagree
    // on which one counts, so a checker and Word could read different documents from the same file.
    const key = entry.path.replace(/^\//, '').toLowerCase();
    if (seen.has(key)) throw corrupt(name, `the zip archive holds two entries named ${entry.path}, so it is ambiguous which one counts`);
    seen.add(key);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Finds the end-of-central-directory record, searching back over a trailing comment. */
function findEndOfCentralDirectory(bytes: Uint8Array, name: string): number {
  const view = viewOf(bytes);
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw corrupt(name, notAZipClause(view));
}

/** Says why a file without an end-of-central-directory record cannot be read. */
function notAZipClause(view: DataView): string {
  if (view.byteLength >= 4 && view.getUint32(0, true) === LOCAL_SIGNATURE) return 'the zip archive is truncated (its central directory is missing)';
  if (view.byteLength >= 4 && view.getUint32(0, false) === 0xd0cf11e0) {
    return 'this is an old binary Word file (.doc) or an encrypted document, not a .docx';
  }
  return 'not a zip archive, so not a .docx';
}

/** The ZIP64 end-of-central-directory record, located through the locator just before the EOCD. */
function findZip64Record(view: DataView, eocd: number, name: string): number {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== EOCD64_LOCATOR_SIGNATURE) {
    throw corrupt(name, 'the zip archive is damaged (its ZIP64 locator is missing)');
  }
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== EOCD64_SIGNATURE) {
    throw corrupt(name, 'the zip archive is damaged (its ZIP64 directory record is missing)');
  }
  return record;
}

/** Replaces 32-bit sizes and offset marked 0xFFFFFFFF with their values from the ZIP64 extra field. */
function applyZip64Extra(entry: ZipEntry, view: DataView, start: number, length: number): void {
  for (let at = start; at + 4 <= start + length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 0x0001) continue;
    // The field holds, in this order, only those of the three values that the header marked.
    const values: number[] = [];
    const end = Math.min(at + 4 + view.getUint16(at + 2, true), start + length);
    for (let field = at + 4; field + 8 <= end; field += 8) values.push(Number(view.getBigUint64(field, true)));
    if (entry.size === ZIP64_MARK_32) entry.size = values.shift() ?? entry.size;
    if (entry.compressedSize === ZIP64_MARK_32) entry.compressedSize = values.shift() ?? entry.compressedSize;
    if (entry.localOffset === ZIP64_MARK_32) entry.localOffset = values.shift() ?? entry.localOffset;
    return;
  }
}

function corrupt(name: string, clause: string): FenjieError {
  return new FenjieError('corrupt-docx', `${name}: ${clause}`);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
