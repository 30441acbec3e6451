import CFB from 'cfb';
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

/**
 * Opens an OLE compound file with `cfb` and tells what it holds from its streams: `WordDocument`
 * is Word 97 and later (WPS saves .wps the same way), `Workbook` or `Book` is an Excel workbook
 * (WPS .et too), `EncryptionInfo` + `EncryptedPackage` is a password-protected .docx/.xlsx.
 * A container cfb cannot read is refused as 'corrupt-file', never a crash.
 */
export function openOle(bytes: Uint8Array, name: string): OleFile {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FenjieError('corrupt-file', `${name}: the OLE container (.doc/.xls/.wps/.et) is damaged (${reason})`, { cause: error });
  }
  const entries = new Map<string, CFB.CFB$Entry>();
  container.FileIndex.forEach((entry, i) => {
    // Streams directly under the root only: "Root Entry/WordDocument", not embedded objects' streams.
    const path = container.FullPaths[i] ?? '';
    if (entry.type === 2 && path.split('/').filter(Boolean).length === 2) entries.set(entry.name.toLowerCase(), entry);
  });
  const has = (stream: string) => entries.has(stream.toLowerCase());
  return {
    kind: kindOf(has),
    streams: [...entries.values()].map((entry) => entry.name),
    stream(stream) {
      const content = entries.get(stream.toLowerCase())?.content;
      if (!content) return null;
      return content instanceof Uint8Array ? content : Uint8Array.from(content);
    },
  };
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
