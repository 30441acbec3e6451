/**
 * A GB18030 encoder without tables of its own. The platform has a GB18030 decoder (TextDecoder, the
 * one fenjie reads with) but no encoder, so the first call decodes every two-byte and every BMP
 * four-byte sequence once and inverts the result. Code points beyond the BMP are four-byte
 * sequences counted linearly from 0x90308130, as the standard defines. Decoding what this writes
 * gives back the text (a test checks every BMP code point against the decoder and iconv-lite).
 */

/** For each BMP code point, its GB18030 bytes packed big-endian (two or four bytes); 0 where unmapped. */
let table: Uint32Array | null = null;

/** U+FFFD's own four-byte code: the decoder's output for it cannot be told from a failed sequence. */
const REPLACEMENT = 0x8431a437;

/**
 * Decodes every sequence of `width` bytes that `fill` writes (`count` of them), each followed by a
 * line feed so that an invalid sequence (a replacement character, maybe plus an ASCII byte) cannot
 * shift the ones after it, and records the code point of each valid one in `codes`.
 */
function invert(codes: Uint32Array, count: number, width: number, fill: (bytes: Uint8Array, at: number, i: number) => number): void {
  const stride = width + 1;
  const bytes = new Uint8Array(count * stride);
  const packed = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    packed[i] = fill(bytes, i * stride, i);
    bytes[i * stride + width] = 0x0a;
  }
  const decoded = new TextDecoder('gb18030').decode(bytes).split('\n');
  for (let i = 0; i < count; i++) {
    const text = decoded[i] as string;
    if (text.length !== 1 || text === '\ufffd') continue;
    const cp = text.charCodeAt(0);
    // The first sequence that decodes to a code point wins: two-byte codes before four-byte ones.
    if (codes[cp] === 0) codes[cp] = packed[i] as number;
  }
}

function buildTable(): Uint32Array {
  const codes = new Uint32Array(0x10000);
  // Two-byte codes: lead 0x81–0xFE, trail 0x40–0xFE without 0x7F (126 × 190).
  invert(codes, 126 * 190, 2, (bytes, at, i) => {
    const lead = 0x81 + Math.floor(i / 190);
    const offset = i % 190;
    const trail = offset < 0x3f ? 0x40 + offset : 0x41 + offset;
    bytes[at] = lead;
    bytes[at + 1] = trail;
    return lead * 0x100 + trail;
  });
  // Four-byte codes of the BMP: 0x81308130 to 0x8439FE39, counted with digits of 10, 126 and 10.
  invert(codes, 4 * 10 * 126 * 10, 4, (bytes, at, i) => {
    const [b1, b2, b3, b4] = fourBytes(i, 0x81);
    bytes.set([b1, b2, b3, b4], at);
    return ((b1 * 0x100 + b2) * 0x100 + b3) * 0x100 + b4;
  });
  codes[0xfffd] = REPLACEMENT;
  return codes;
}

/** The four bytes of the n-th four-byte code counted from first byte `first`. */
function fourBytes(n: number, first: number): [number, number, number, number] {
  const b4 = n % 10;
  const b3 = Math.floor(n / 10) % 126;
  const b2 = Math.floor(n / 1260) % 10;
  const b1 = Math.floor(n / 12600);
  return [first + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

/**
 * Encodes text as GB18030 bytes. A lone surrogate, and the few private-use code points that the
 * platform's GB18030-2022 decoder gives no sequence for (U+E5E5, U+E78D–U+E796, …), are written as
 * U+FFFD, as TextEncoder does for lone surrogates in UTF-8.
 */
export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  // At most four bytes per UTF-16 unit (a surrogate pair, two units, takes four).
  const out = new Uint8Array(text.length * 4);
  let n = 0;
  const push = (...bytes: number[]) => {
    for (const byte of bytes) out[n++] = byte;
  };
  for (const char of text) {
    let cp = char.codePointAt(0) as number;
    if (cp < 0x80) {
      push(cp);
      continue;
    }
    if (cp >= 0x10000) {
      for (const byte of fourBytes(cp - 0x10000, 0x90)) push(byte);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    const packed = table[cp] || REPLACEMENT;
    if (packed > 0xffff) push(packed >>> 24, (packed >>> 16) & 0xff, (packed >>> 8) & 0xff, packed & 0xff);
    else push(packed >>> 8, packed & 0xff);
  }
  return out.slice(0, n);
}
