import { FenjieError } from '../errors.js';
import { isOle, isZip, type BinaryFormat } from './detect.js';
import { describeOle, openOle, type OleFile } from './ole.js';
import { zipFormat } from './zip-format.js';

/** A binary input told apart by its bytes: its format, and the opened container where it is an OLE file. */
export interface SniffedBinary {
  format: BinaryFormat;
  ole: OleFile | null;
}

/**
 * Tells which binary format bytes are in, or null for bytes that should be decoded as text. A zip
 * is a .docx when it holds `word/document.xml` and a workbook when it holds `xl/workbook.xml`; an
 * OLE file is looked into for its streams. Packages and OLE files fenjie does not read (OpenDocument,
 * OFD, a presentation, an encrypted package) are refused as 'unsupported-format' with a name and a
 * hint, never mistaken for a damaged .docx.
 */
export function sniffBinary(bytes: Uint8Array, name: string): SniffedBinary | null {
  if (isZip(bytes)) return { format: zipFormat(bytes, name), ole: null };
  if (isOle(bytes)) {
    const ole = openOle(bytes, name);
    if (ole.kind === 'doc' || ole.kind === 'xls') return { format: ole.kind, ole };
    throw new FenjieError('unsupported-format', `${name}: this is ${describeOle(ole.kind)}`);
  }
  return null;
}
