import { Deflate } from 'fflate';

/** One entry of a hand-written zip: its name, stored bytes, method, and the sizes the archive declares. */
export interface ZipEntrySpec {
  path: string;
  /** The bytes stored for the entry (already deflated when method is 8). */
  data: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The inflated size the local header and central directory declare; may lie. */
  size: number;
  /** CRC-32 to declare; fenjie does not check it, and a 1 GiB entry's is not worth computing. Default 0. */
  crc?: number;
}

const encoder = new TextEncoder();

/**
 * Writes a zip archive byte by byte (local headers, data, central directory, end record), so that
 * the declared sizes can be whatever a test needs, including sizes that lie about the data.
 */
export function writeZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.path);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, entry.method, true);
    local.setUint32(14, entry.crc ?? 0, true);
    local.setUint32(18, entry.data.length, true);
    local.setUint32(22, entry.size, true);
    local.setUint16(26, name.length, true);
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true);
    record.setUint16(6, 20, true);
    record.setUint16(10, entry.method, true);
    record.setUint32(16, entry.crc ?? 0, true);
    record.setUint32(20, entry.data.length, true);
    record.setUint32(24, entry.size, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, entry.data);
    central.push(new Uint8Array(record.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

/**
 * A deflate stream of `mebibytes` MiB of zero bytes, built without deflating them all: one MiB is
 * deflated and sync-flushed (a byte-aligned, non-final run of blocks), and the run that the second
 * MiB gives is repeated. Its back-references reach at most 32 KiB back, into zeros, so every copy
 * inflates to the same MiB. About 1 KiB per MiB (the ratio deflate allows at best, about 1000:1).
 */
export function deflatedZeros(mebibytes: number): Uint8Array {
  const MIB = 1024 * 1024;
  const zeros = new Uint8Array(MIB);
  let chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => chunks.push(chunk));
  const take = () => {
    const out = concat(chunks);
    chunks = [];
    return out;
  };
  deflate.push(zeros);
  deflate.flush(true);
  const first = take();
  deflate.push(zeros);
  deflate.flush(true);
  const repeated = take();
  deflate.push(new Uint8Array(0), true);
  const last = take();
  return concat([first, ...Array.from({ length: Math.max(0, mebibytes - 1) }, () => repeated), last]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
