import { FenjieError } from '../errors.js';
import type { BinaryFormat } from './detect.js';
import { readZipEntry, zipEntryPaths } from './zip.js';

// Telling a zip package's kind needs only the zip directory, not the OLE code (cfb) of container.ts,
// so that reading a .docx or .xlsx does not load cfb.

/** Zip packages fenjie does not read, by a part that names them. */
const FOREIGN_PACKAGES: readonly { part: string; what: string }[] = [
  { part: 'ppt/presentation.xml', what: 'a PowerPoint presentation (.pptx); fenjie reads Word, Excel, HTML, text and Markdown tables' },
  { part: 'OFD.xml', what: 'an OFD document; fenjie cannot read OFD, save the original as .docx or .xlsx' },
];

/**
 * The format of a zip package: a .docx when it holds `word/document.xml`, a workbook when it holds
 * `xl/workbook.xml`; packages fenjie does not read are refused as 'unsupported-format'.
 */
export function zipFormat(bytes: Uint8Array, name: string): BinaryFormat {
  let paths: string[];
  try {
    paths = zipEntryPaths(bytes, name);
  } catch (error) {
    // A damaged zip says nothing of what it held; the file name may.
    if (error instanceof FenjieError && /\.(xlsx|xlsm)$/i.test(name)) throw new FenjieError('corrupt-file', error.message, { cause: error });
    throw error;
  }
  const has = new Set(paths.map((path) => path.replace(/^\//, '').toLowerCase()));
  if (has.has('word/document.xml')) return 'docx';
  if (has.has('xl/workbook.xml')) return 'xlsx';
  const foreign = FOREIGN_PACKAGES.find(({ part }) => has.has(part.toLowerCase()));
  if (foreign) throw new FenjieError('unsupported-format', `${name}: this is ${foreign.what}`);
  if (has.has('mimetype') && has.has('content.xml')) {
    const mimetype = new TextDecoder().decode(readZipEntry(bytes, 'mimetype', name) ?? new Uint8Array());
    throw new FenjieError('unsupported-format', `${name}: this is ${openDocumentKind(mimetype)}; save it as .docx or .xlsx`);
  }
  // Neither part: most likely a .docx whose main part is missing, which the .docx reader names.
  return /\.(xlsx|xlsm)$/i.test(name) ? 'xlsx' : 'docx';
}

function openDocumentKind(mimetype: string): string {
  if (mimetype.includes('spreadsheet')) return 'an OpenDocument spreadsheet (.ods)';
  if (mimetype.includes('text')) return 'an OpenDocument text (.odt)';
  return 'an OpenDocument file';
}
