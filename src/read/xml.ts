import { ownCopy } from '../normalize/own-copy.js';
import { inflateLargeZipEntry, type ZipLimits } from './zip.js';

/** Handlers of the XML tokenizer's events; tags and attribute names come as written, prefixes included. */
export interface XmlHandlers {
  onopentag?: (tag: string, attributes: Readonly<Record<string, string>>) => void;
  onclosetag?: (tag: string) => void;
  ontext?: (text: string) => void;
}

/** Where the tokenizer is; most states are a place inside a tag, named by what comes next. */
const enum State {
  Text,
  /** After `<`. */
  Open,
  TagName,
  BeforeAttribute,
  AttributeName,
  AfterAttributeName,
  BeforeValue,
  DoubleQuoted,
  SingleQuoted,
  Unquoted,
  /** After the `/` of `<a/`. */
  SelfClosing,
  /** After `</`. */
  BeforeCloseName,
  CloseName,
  AfterCloseName,
  /** After `<!`. */
  Bang,
  /** After `<!-`. */
  BangDash,
  /** Inside `<![CDATA[`, matching it. */
  CdataOpen,
  Comment,
  Cdata,
  /** `<!DOCTYPE …>` and other declarations, `<?…>`, and `</` followed by what cannot start a name: skipped to `>`. */
  Declaration,
  Instruction,
  BogusComment,
}

const CDATA_OPEN = 'CDATA[';
/**
 * A plain start or empty-element tag: a name, up to 64 attributes with quoted values, then `>` or
 * `/>`. The bound keeps the match within the regular expression engine's backtracking stack: a
 * tag of millions of attributes in one part read whole overflowed it. A tag with more goes to the
 * state machine.
 */
const START_TAG = /<[A-Za-z_][\w.:-]*(?:[ \t\n\r\f]+[A-Za-z_][\w.:-]*=(?:"[^"]*"|'[^']*')){0,64}[ \t\n\r\f]*\/?>/y;
/** A plain end tag, `</name>`. */
const END_TAG = /<\/[A-Za-z_][\w.:-]*>/y;
/** The attributes of a tag that has none, shared by all of them: handlers get attributes read-only. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
/**
 * Longest character reference decoded, `&` and `;` included: the named ones are at most `&quot;`,
 * and a numeric one longer than this (leading zeros) is kept as written, so that a reference never
 * needs more than this much text carried from one chunk into the next.
 */
const MAX_REFERENCE = 32;

/**
 * A streaming XML tokenizer for the parts of Office packages (document.xml, sheets, shared
 * strings): tags with their attributes, text with the five XML entities and numeric character
 * references decoded, and CDATA sections as text; comments, processing instructions and
 * declarations are skipped. It reads malformed markup as htmlparser2 does in XML mode (the
 * tokenizer it replaces): an end tag closes the innermost open element of its name and every
 * element inside it, an end tag that matches no open element is ignored, and the elements still
 * open at the end are closed. Every state scans forward only and keeps at most one character
 * reference's worth of text between chunks, so the time is linear in the input however it is split.
 */
export class XmlTokenizer {
  private state = State.Text;
  /** Undecoded text carried over a chunk boundary: the start of what may be a character reference. */
  private text = '';
  private tag = '';
  private attributes: Record<string, string> = {};
  private attribute = '';
  private value = '';
  /** Characters of `<![CDATA[` matched so far, or of the `-->` / `]]>` that ends a comment or CDATA section. */
  private matched = 0;
  /** What a construct that is cut off by the end of the input shows as text, as htmlparser2 shows it. */
  private raw = '';
  /** Open elements, innermost last, with the number open of each name, so that an unmatched end tag costs no search. */
  private readonly stack: string[] = [];
  private readonly open = new Map<string, number>();
  /** Recently read tag and attribute names, by a hash of their text (see `name`). */
  private readonly names: (string | undefined)[] = new Array(1024);

  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.Text: {
          const lt = chunk.indexOf('<', i);
          if (lt < 0) {
            this.carryText(chunk, i);
            return;
          }
          this.emitText(this.text + chunk.slice(i, lt));
          this.text = '';
          i = this.readPlain(chunk, lt);
          if (chunk.charCodeAt(i) === 0x3c /* < */) {
            this.state = State.Open;
            i += 1;
          }
          break;
        }
        case State.Open: {
          const c = chunk.charCodeAt(i);
          if (c === 0x21 /* ! */) {
            this.state = State.Bang;
            this.raw = '';
          } else if (c === 0x3f /* ? */) {
            this.state = State.Instruction;
            this.raw = '';
          } else if (c === 0x2f /* / */) {
            this.state = State.BeforeCloseName;
            this.raw = '</';
          } else if (isEndOfName(c)) {
            // A `<` that starts no markup is text; the character after it is read again as text.
            this.state = State.Text;
            this.text = '<';
            break;
          } else {
            this.state = State.TagName;
            this.tag = '';
            break;
          }
          i += 1;
          break;
        }
        case State.TagName: {
          const end = nameEnd(chunk, i);
          this.tag += chunk.slice(i, end);
          i = end;
          if (end < n) {
            this.push(this.tag);
            this.attributes = {};
            this.state = State.BeforeAttribute;
          }
          break;
        }
        case State.BeforeAttribute: {
          const c = chunk.charCodeAt(i);
          if (c === 0x3e /* > */) {
            this.handlers.onopentag?.(this.tag, this.attributes);
            this.state = State.Text;
          } else if (c === 0x2f /* / */) {
            this.state = State.SelfClosing;
          } else if (!isSpace(c)) {
            // The first character of a name is taken whatever it is, even `=`.
            this.attribute = chunk[i] as string;
            this.state = State.AttributeName;
          }
          i += 1;
          break;
        }
        case State.SelfClosing: {
          const c = chunk.charCodeAt(i);
          if (c === 0x3e /* > */) {
            this.handlers.onopentag?.(this.tag, this.attributes);
            this.closeInnermost();
            this.state = State.Text;
          } else if (!isSpace(c)) {
            this.state = State.BeforeAttribute;
            break;
          }
          i += 1;
          break;
        }
        case State.AttributeName: {
          const end = attributeNameEnd(chunk, i);
          this.attribute += chunk.slice(i, end);
          i = end;
          if (end < n) this.state = State.AfterAttributeName;
          break;
        }
        case State.AfterAttributeName: {
          const c = chunk.charCodeAt(i);
          if (c === 0x3d /* = */) {
            this.value = '';
            this.state = State.BeforeValue;
          } else if (!isSpace(c)) {
            // A name without a value has the empty value; what follows is read again.
            this.setAttribute(this.attribute, '');
            this.attribute = '';
            this.state = c === 0x2f || c === 0x3e ? State.BeforeAttribute : State.AttributeName;
            break;
          }
          i += 1;
          break;
        }
        case State.BeforeValue: {
          const c = chunk.charCodeAt(i);
          if (c === 0x22 /* " */) this.state = State.DoubleQuoted;
          else if (c === 0x27 /* ' */) this.state = State.SingleQuoted;
          else if (!isSpace(c)) {
            this.state = State.Unquoted;
            break;
          }
          i += 1;
          break;
        }
        case State.DoubleQuoted:
        case State.SingleQuoted: {
          const quote = chunk.indexOf(this.state === State.DoubleQuoted ? '"' : "'", i);
          const end = quote < 0 ? n : quote;
          this.value += chunk.slice(i, end);
          i = end;
          if (quote >= 0) {
            this.setAttribute(this.attribute, decodeReferences(this.value));
            this.state = State.BeforeAttribute;
            i += 1;
          }
          break;
        }
        case State.Unquoted: {
          const end = wordEnd(chunk, i);
          this.value += chunk.slice(i, end);
          i = end;
          if (end < n) {
            this.setAttribute(this.attribute, decodeReferences(this.value));
            this.state = State.BeforeAttribute;
          }
          break;
        }
        case State.BeforeCloseName: {
          const c = chunk.charCodeAt(i);
          if (c === 0x3e /* > */) {
            // `</>` is text.
            this.state = State.Text;
            this.text = `${this.raw}>`;
          } else if (c === 0x2f /* / */) {
            this.state = State.BogusComment;
            this.raw = '/';
          } else if (isSpace(c)) {
            this.raw += chunk[i];
          } else {
            this.state = State.CloseName;
            this.tag = '';
            break;
          }
          i += 1;
          break;
        }
        case State.CloseName: {
          const end = wordEnd(chunk, i);
          this.tag += chunk.slice(i, end);
          i = end;
          if (end < n) {
            this.close(this.tag);
            this.state = State.AfterCloseName;
          }
          break;
        }
        case State.AfterCloseName:
        case State.BogusComment:
        case State.Declaration:
        case State.Instruction: {
          const gt = chunk.indexOf('>', i);
          const end = gt < 0 ? n : gt;
          if (this.state !== State.AfterCloseName) this.raw += chunk.slice(i, end);
          i = end;
          if (gt >= 0) {
            this.state = State.Text;
            i += 1;
          }
          break;
        }
        case State.Bang: {
          const c = chunk.charCodeAt(i);
          // As in htmlparser2, the character after `<!` is never the `>` that ends a declaration.
          if (c === 0x5b /* [ */) {
            this.state = State.CdataOpen;
            this.matched = 0;
          } else {
            this.state = c === 0x2d /* - */ ? State.BangDash : State.Declaration;
          }
          this.raw += chunk[i];
          i += 1;
          break;
        }
        case State.BangDash: {
          const c = chunk.charCodeAt(i);
          if (c === 0x2d /* - */) {
            // The dashes of `<!--` count towards the `-->` that ends the comment: `<!-->` is a whole comment.
            this.state = State.Comment;
            this.matched = 2;
          } else {
            this.state = State.Declaration;
            this.raw += chunk[i];
          }
          i += 1;
          break;
        }
        case State.CdataOpen: {
          if (chunk.charCodeAt(i) !== CDATA_OPEN.charCodeAt(this.matched)) {
            this.state = State.Declaration;
            break;
          }
          this.raw += chunk[i];
          this.matched += 1;
          i += 1;
          if (this.matched === CDATA_OPEN.length) {
            this.state = State.Cdata;
            this.matched = 0;
            this.raw = '';
          }
          break;
        }
        case State.Comment:
        case State.Cdata:
          i = this.readUntilEnd(chunk, i);
          break;
      }
    }
  }

  /**
   * The fast path for what Office parts are made of: plain start, end and empty-element tags (names
   * of ASCII letters, digits and `_.:-`, values in quotes) and the text between them, read from a `<`
   * for as long as the markup stays plain. Each tag is matched whole by a sticky regular expression,
   * which V8 compiles to native code at once, before anything is emitted; whatever else comes
   * (comments, CDATA, declarations, odd spacing, a tag cut by the end of the chunk) is left, at its
   * `<`, to the state machine, which reads it exactly as it always has. Returns that `<`, or where
   * the text after the last tag starts when no `<` follows.
   */
  private readPlain(chunk: string, from: number): number {
    let lt = from;
    for (;;) {
      const end = chunk.charCodeAt(lt + 1) === 0x2f /* / */ ? this.readEndTag(chunk, lt) : this.readStartTag(chunk, lt);
      if (end < 0) return lt;
      const next = chunk.indexOf('<', end);
      if (next < 0) return end;
      this.emitText(chunk.slice(end, next));
      lt = next;
    }
  }

  /** Reads `</name>` at `lt`; returns where it ends, or -1 when it is not that plain. */
  private readEndTag(chunk: string, lt: number): number {
    END_TAG.lastIndex = lt;
    if (!END_TAG.test(chunk)) return -1;
    const end = END_TAG.lastIndex;
    this.close(this.name(chunk, lt + 2, end - 1));
    return end;
  }

  /** Reads a plain start or empty-element tag at `lt`; returns where it ends, or -1. */
  private readStartTag(chunk: string, lt: number): number {
    START_TAG.lastIndex = lt;
    if (!START_TAG.test(chunk)) return -1;
    const end = START_TAG.lastIndex;
    const empty = chunk.charCodeAt(end - 2) === 0x2f; /* / */
    let i = nameEnd(chunk, lt + 1);
    const tag = this.name(chunk, lt + 1, i);
    let attributes: Record<string, string> = NO_ATTRIBUTES as Record<string, string>;
    for (;;) {
      while (isSpace(chunk.charCodeAt(i))) i += 1;
      const c = chunk.charCodeAt(i);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) break;
      // The tag matched, so this is `name="value"` or `name='value'`.
      const eq = chunk.indexOf('=', i);
      const close = chunk.indexOf(chunk[eq + 1] as string, eq + 2);
      if (attributes === NO_ATTRIBUTES) {
        attributes = {};
        this.attributes = attributes;
      }
      this.setAttribute(this.name(chunk, i, eq), decodeReferences(chunk.slice(eq + 2, close)));
      i = close + 1;
    }
    this.push(tag);
    this.handlers.onopentag?.(tag, attributes);
    if (empty) this.closeInnermost();
    return end;
  }

  /**
   * The text from `start` to `end`, as the same string each time it recurs: tag and attribute names
   * repeat throughout a part, and a repeated string costs no allocation and hashes once. (Values are
   * not looked up: a sheet's cell references never repeat, and the misses cost more than they save.)
   */
  private name(chunk: string, start: number, end: number): string {
    const length = end - start;
    if (length > 24 || length === 0) return chunk.slice(start, end);
    const slot = (length * 31 + chunk.charCodeAt(start) * 7 + chunk.charCodeAt(end - 1) * 3 + chunk.charCodeAt(start + (length >> 1))) & 1023;
    const known = this.names[slot];
    if (known !== undefined && known.length === length && chunk.startsWith(known, start)) return known;
    // Copied, so that a name kept in the table does not pin the chunk it was cut from.
    const name = ownCopy(chunk.slice(start, end));
    this.names[slot] = name;
    return name;
  }

  /** Reads the rest of the input (if any), emits the text left and closes the elements still open. */
  end(chunk?: string): void {
    if (chunk) this.write(chunk);
    // What a cut-off construct leaves as text is what htmlparser2 left: text, a lone `<`, and the
    // inside of a CDATA section, declaration or processing instruction; a cut-off tag or comment is dropped.
    switch (this.state) {
      case State.Text:
        this.emitText(this.text);
        break;
      case State.Open:
        this.emitText('<');
        break;
      case State.Cdata:
      case State.BeforeCloseName:
      case State.BangDash:
      case State.CdataOpen:
      case State.Declaration:
      case State.Instruction:
      case State.BogusComment:
        if (this.raw !== '') this.handlers.ontext?.(this.raw);
        break;
    }
    this.text = '';
    this.raw = '';
    while (this.stack.length > 0) this.closeInnermost();
  }

  /**
   * At the end of a chunk, emits the text read so far but keeps back, undecoded, a `&` near the end
   * with no `;` after it, which the next chunk may complete into a character reference.
   */
  private carryText(chunk: string, from: number): void {
    const text = this.text + chunk.slice(from);
    const amp = text.lastIndexOf('&');
    if (amp >= 0 && text.length - amp < MAX_REFERENCE && text.indexOf(';', amp) < 0) {
      this.emitText(text.slice(0, amp));
      this.text = text.slice(amp);
    } else {
      this.emitText(text);
      this.text = '';
    }
  }

  /** Reads a comment or CDATA section up to its `-->` or `]]>`; CDATA is text, as written. */
  private readUntilEnd(chunk: string, from: number): number {
    const cdata = this.state === State.Cdata;
    const dash = cdata ? 0x5d /* ] */ : 0x2d; /* - */
    let i = from;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (c === 0x3e /* > */ && this.matched >= 2) {
        // CDATA is text as written, even when empty; its `]]` goes.
        if (cdata) this.handlers.ontext?.((this.raw + chunk.slice(from, i)).slice(0, -2));
        this.state = State.Text;
        this.raw = '';
        this.matched = 0;
        return i + 1;
      }
      this.matched = c === dash ? this.matched + 1 : 0;
      i += 1;
    }
    if (cdata) this.raw += chunk.slice(from);
    return n;
  }

  private emitText(text: string): void {
    if (text !== '') this.handlers.ontext?.(decodeReferences(text));
  }

  /** The first of two attributes of one name counts, as in htmlparser2. */
  private setAttribute(name: string, value: string): void {
    if (!Object.prototype.hasOwnProperty.call(this.attributes, name)) this.attributes[name] = value;
  }

  private push(name: string): void {
    this.stack.push(name);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  private closeInnermost(): string {
    const name = this.stack.pop() as string;
    this.open.set(name, (this.open.get(name) as number) - 1);
    this.handlers.onclosetag?.(name);
    return name;
  }

  /** An end tag closes the innermost open element of its name and every element open inside it. */
  private close(name: string): void {
    if (!this.open.get(name)) return;
    while (this.closeInnermost() !== name);
  }
}

/** XML white space, and the form feed that htmlparser2 also counts. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/** What ends a tag name: white space, `/` or `>`. */
function isEndOfName(c: number): boolean {
  return c === 0x2f || c === 0x3e || isSpace(c);
}

function nameEnd(chunk: string, from: number): number {
  let i = from;
  while (i < chunk.length && !isEndOfName(chunk.charCodeAt(i))) i += 1;
  return i;
}

/** Where an attribute's name ends: at `=`, white space, `/` or `>`. */
function attributeNameEnd(chunk: string, from: number): number {
  let i = from;
  while (i < chunk.length && chunk.charCodeAt(i) !== 0x3d /* = */ && !isEndOfName(chunk.charCodeAt(i))) i += 1;
  return i;
}

/** Where an unquoted attribute value or an end tag's name ends: at white space or `>` (a `/` belongs to it). */
function wordEnd(chunk: string, from: number): number {
  let i = from;
  while (i < chunk.length && chunk.charCodeAt(i) !== 0x3e && !isSpace(chunk.charCodeAt(i))) i += 1;
  return i;
}

const NAMED_REFERENCES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes XML's character references: the five named ones and numeric ones, each ended by `;`;
 * anything else after `&` stays as written. Numbers are read as htmlparser2 (after the HTML
 * standard) reads them: 0, surrogates and values past U+10FFFF become U+FFFD, and 0x80–0x9F the
 * Windows-1252 characters they stand for.
 */
export function decodeReferences(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let done = 0;
  let semi = -1;
  while (amp >= 0) {
    // The first `;` after one `&` is the first after the next, until it is passed: found once each.
    if (semi < amp) semi = text.indexOf(';', amp + 1);
    if (semi < 0) break;
    const decoded = semi - amp <= MAX_REFERENCE ? reference(text.slice(amp + 1, semi)) : null;
    if (decoded === null) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out += text.slice(done, amp) + decoded;
    done = semi + 1;
    amp = text.indexOf('&', done);
  }
  return done === 0 ? text : out + text.slice(done);
}

/** The character a reference's name (between `&` and `;`) stands for, or null. */
function reference(name: string): string | null {
  if (name.charCodeAt(0) !== 0x23 /* # */) return NAMED_REFERENCES.get(name) ?? null;
  const hex = (name.charCodeAt(1) | 0x20) === 0x78; /* x */
  const digits = name.slice(hex ? 2 : 1);
  if (digits === '' || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) return null;
  return String.fromCodePoint(replaceCodePoint(Number.parseInt(digits, hex ? 16 : 10)));
}

/** Windows-1252 characters that HTML reads numeric references 0x80–0x9F as. */
const C1_REPLACEMENTS = new Map([
  [0x80, 0x20ac], [0x82, 0x201a], [0x83, 0x0192], [0x84, 0x201e], [0x85, 0x2026], [0x86, 0x2020], [0x87, 0x2021],
  [0x88, 0x02c6], [0x89, 0x2030], [0x8a, 0x0160], [0x8b, 0x2039], [0x8c, 0x0152], [0x8e, 0x017d], [0x91, 0x2018],
  [0x92, 0x2019], [0x93, 0x201c], [0x94, 0x201d], [0x95, 0x2022], [0x96, 0x2013], [0x97, 0x2014], [0x98, 0x02dc],
  [0x99, 0x2122], [0x9a, 0x0161], [0x9b, 0x203a], [0x9c, 0x0153], [0x9e, 0x017e], [0x9f, 0x0178],
]);

function replaceCodePoint(code: number): number {
  if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return 0xfffd;
  return C1_REPLACEMENTS.get(code) ?? code;
}

/** The global TextDecoder, which @types/node declares as a value only. */
type Decoder = InstanceType<typeof TextDecoder>;

/** A streaming XML tokenizer with references decoded (see {@link XmlTokenizer}). */
export function xmlParser(handlers: XmlHandlers): XmlTokenizer {
  return new XmlTokenizer(handlers);
}

/** Feeds inflated bytes to the parser as text, decoding characters split across chunks. */
export function xmlFeed(parser: XmlTokenizer): { write: (chunk: Uint8Array) => void; end: () => void; encoding: () => string } {
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
export async function readXmlPart(bytes: Uint8Array, path: string, name: string, handlers: XmlHandlers, limits?: ZipLimits): Promise<boolean> {
  const feed = xmlFeed(xmlParser(handlers));
  if (!(await inflateLargeZipEntry(bytes, path, name, feed.write, limits))) return false;
  feed.end();
  return true;
}

/** A tag or attribute name without its namespace prefix ("x:row" → "row"). */
export function localName(tag: string): string {
  return tag.slice(tag.indexOf(':') + 1);
}
