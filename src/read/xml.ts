import { Parser } from 'htmlparser2';
import { inflateZipEntry, type ZipLimits } from './zip.js';

/** Handlers of the XML tokenizer's events; tags and attribute names come as written, prefixes included. */
export interface XmlHandlers {
  onopentag?: (tag: string, attributes: Record<string, string>) => void;
  onclosetag?: (tag: string) => void;
  ontext?: (text: string) => void;
}

/** The global TextDecoder, which @types/node declares as a value only. */
type Decoder = InstanceType<typeof TextDecoder>;

/** A streaming XML tokenizer (htmlparser2 in XML mode) with entities decoded. */
export function xmlParser(handlers: XmlHandlers): Parser {
  return new Parser(handlers, { xmlMode: true, decodeEntities: true });
}

/** Feeds inflated bytes to the parser as text, decoding characters split across chunks. */
export function xmlFeed(parser: Parser): { write: (chunk: Uint8Array) => void; end: () => void; encoding: () => string } {
  let decoder: Decoder | undefined;
  return {
    encoding: () => decoder?.encoding ?? 'utf-8',
    write: (chunk) => {
      decoder ??= decoderFor(chunk);
      parser.write(decoder.decode(chunk, { stream: true }));
    },
    end: () => parser.end(decoder?.decode() ?? ''),
  };
}

/** Picks the text decoding from a byte order mark; XML without one is UTF-8. */
function decoderFor(first: Uint8Array): Decoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/**
 * Streams one part of a zip package (an OOXML file) through the XML tokenizer, inflating it chunk
 * by chunk under the zip limits. Returns false when the package has no such part.
 */
export function readXmlPart(bytes: Uint8Array, path: string, name: string, handlers: XmlHandlers, limits?: ZipLimits): boolean {
  const feed = xmlFeed(xmlParser(handlers));
  if (!inflateZipEntry(bytes, path, name, feed.write, limits)) return false;
  feed.end();
  return true;
}

/** A tag or attribute name without its namespace prefix ("x:row" → "row"). */
export function localName(tag: string): string {
  return tag.slice(tag.indexOf(':') + 1);
}
