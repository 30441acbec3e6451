import { FenjieError } from '../errors.js';

/** Text decoded from bytes, with the encoding that was used. */
export interface Decoded {
  text: string;
  /** Lower-case WHATWG name of the encoding, e.g. 'utf-8', 'utf-16le'. */
  encoding: string;
}

/** A byte-order mark and the encoding it announces. */
interface Bom {
  bytes: readonly number[];
  encoding: string;
}

const BOMS: readonly Bom[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Finds the encoding announced by a byte-order mark at the start of the bytes. */
export function sniffBom(bytes: Uint8Array): Bom | null {
  return BOMS.find((bom) => bom.bytes.every((byte, i) => bytes[i] === byte)) ?? null;
}

/**
 * Decodes bytes to text: a BOM decides first, then strict UTF-8.
 * Throws FenjieError 'undecodable' when the bytes are not valid in the chosen encoding.
 */
export function decode(bytes: Uint8Array, name = 'input'): Decoded {
  const bom = sniffBom(bytes);
  const encoding = bom?.encoding ?? 'utf-8';
  const body = bom ? bytes.subarray(bom.bytes.length) : bytes;
  return { text: decodeStrict(body, encoding, name), encoding };
}

/** Decodes with a named encoding, refusing invalid byte sequences instead of passing on U+FFFD. */
export function decodeStrict(bytes: Uint8Array, encoding: string, name = 'input'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new FenjieError('undecodable', `${name}: not valid ${encoding} text`, { cause });
  }
}
