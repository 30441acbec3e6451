import { chineseNumeral } from '../normalize/markers.js';
import { localName, xmlParser } from './xml.js';

/** The list and style properties of one Word paragraph, as w:pPr gives them. */
export interface ParagraphProperties {
  /** w:pStyle: the paragraph style's id, or null. */
  style: string | null;
  /** w:numPr/w:numId written on the paragraph, or null ("0" removes a style's numbering). */
  numId: string | null;
  /** w:numPr/w:ilvl written on the paragraph, or null. */
  ilvl: number | null;
  /** w:outlineLvl written on the paragraph (0 = top), or null. */
  outline: number | null;
}

/** One level of a list definition (w:lvl). */
interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the marker: a tab and a space both read as a space. */
  suffix: string;
}

interface StyleDefinition {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
  heading: number | null;
}

/** The parts of numbering.xml and styles.xml that decide what marker Word shows in front of a paragraph. */
export interface NumberingParts {
  numbering: string | null;
  styles: string | null;
}

/**
 * Renders Word's automatic numbering as the text Word displays ("一、", "（一）", "1.", "（1）"),
 * paragraph by paragraph in document order: counters per list definition, deeper levels starting
 * again after a higher level, a w:num's start override restarting its list where it is first used.
 */
export class ListNumbering {
  private readonly abstracts = new Map<string, Level[]>();
  /** Each w:num: its abstract list and its start overrides by level. */
  private readonly nums = new Map<string, { abstract: string; overrides: Map<number, number> }>();
  private readonly styles = new Map<string, StyleDefinition>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(parts: NumberingParts) {
    if (parts.numbering) this.readNumbering(parts.numbering);
    if (parts.styles) this.readStyles(parts.styles);
  }

  /** The marker Word shows before this paragraph (with the space after it), or '' when it is not numbered. */
  marker(properties: Readonly<ParagraphProperties>): string {
    const style = this.styleChain(properties.style);
    const numId = properties.numId ?? style.numId;
    if (numId === null || numId === '0') return '';
    const num = this.nums.get(numId);
    const levels = num ? this.abstracts.get(num.abstract) : undefined;
    if (!num || !levels) return '';
    const ilvl = Math.min(8, Math.max(0, properties.ilvl ?? style.ilvl ?? 0));
    const level = levels[ilvl];
    if (!level) return '';
    const counters = this.counters.get(num.abstract) ?? [];
    this.counters.set(num.abstract, counters);
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [at, value] of num.overrides) counters[at] = value - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? level.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper += 1) counters[deeper] = undefined;
    if (level.format === 'bullet' || level.format === 'none') return '';
    const text = level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const at = Number(digit) - 1;
      const of = levels[at];
      return of ? formatNumber(counters[at] ?? of.start, of.format) : '';
    });
    return text === '' ? '' : text + level.suffix;
  }

  /** The heading level (1 = top) of a paragraph, from its outline level or its style's, or null. */
  heading(properties: Readonly<ParagraphProperties>): number | null {
    if (properties.outline !== null && properties.outline < 9) return properties.outline + 1;
    return this.styleChain(properties.style).heading;
  }

  /** A style's numbering and heading level, looked up through its basedOn chain. */
  private styleChain(id: string | null): StyleDefinition {
    const found: StyleDefinition = { basedOn: null, numId: null, ilvl: null, heading: null };
    const seen = new Set<string>();
    for (let at = id; at !== null && !seen.has(at); ) {
      seen.add(at);
      const style = this.styles.get(at);
      if (!style) break;
      found.numId ??= style.numId;
      found.ilvl ??= style.ilvl;
      found.heading ??= style.heading;
      at = style.basedOn;
    }
    return found;
  }

  private readNumbering(xml: string): void {
    let abstract: Level[] | null = null;
    let level: Level | null = null;
    let num: { abstract: string; overrides: Map<number, number> } | null = null;
    let override: number | null = null;
    parseXml(xml, (tag, value, attributes) => {
      if (tag === 'abstractNum') {
        abstract = [];
        this.abstracts.set(attributes.get('abstractNumId') ?? '', abstract);
      } else if (tag === 'lvl' && abstract) {
        level = { start: 1, format: 'decimal', text: '', suffix: ' ' };
        abstract[count(attributes.get('ilvl'), 0)] = level;
      } else if (tag === 'start' && level) {
        level.start = count(value, 1);
      } else if (tag === 'numFmt' && level) {
        level.format = value ?? 'decimal';
      } else if (tag === 'lvlText' && level) {
        level.text = value ?? '';
      } else if (tag === 'suff' && level) {
        level.suffix = value === 'nothing' ? '' : ' ';
      } else if (tag === 'num') {
        abstract = null;
        level = null;
        num = { abstract: '', overrides: new Map() };
        this.nums.set(attributes.get('numId') ?? '', num);
      } else if (tag === 'abstractNumId' && num) {
        num.abstract = value ?? '';
      } else if (tag === 'lvlOverride' && num) {
        override = count(attributes.get('ilvl'), 0);
      } else if (tag === 'startOverride' && num && override !== null) {
        num.overrides.set(override, count(value, 1));
      }
    });
  }

  private readStyles(xml: string): void {
    let style: StyleDefinition | null = null;
    parseXml(xml, (tag, value, attributes) => {
      if (tag === 'style') {
        style = attributes.get('type') === 'paragraph' ? { basedOn: null, numId: null, ilvl: null, heading: null } : null;
        if (style) this.styles.set(attributes.get('styleId') ?? '', style);
      } else if (!style) {
        return;
      } else if (tag === 'name') {
        const heading = /^heading\s*([1-9])$/i.exec(value ?? '');
        if (heading) style.heading ??= Number(heading[1]);
      } else if (tag === 'basedOn') {
        style.basedOn = value ?? null;
      } else if (tag === 'numId') {
        style.numId = value ?? null;
      } else if (tag === 'ilvl') {
        style.ilvl = count(value, 0);
      } else if (tag === 'outlineLvl') {
        const outline = count(value, 9);
        if (outline < 9) style.heading = outline + 1;
      }
    });
  }
}

/** Calls back for every element with its local name, its w:val and its attributes by local name. */
function parseXml(xml: string, onElement: (tag: string, value: string | undefined, attributes: Map<string, string>) => void): void {
  const parser = xmlParser({
    onopentag: (tag, raw) => {
      const attributes = new Map(Object.entries(raw).map(([key, value]) => [localName(key), value]));
      onElement(localName(tag), attributes.get('val'), attributes);
    },
  });
  parser.end(xml);
}

function count(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

const CIRCLED_START = 0x2460;
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';

/** A number in one of Word's numbering formats (w:numFmt). Unknown formats fall back to decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseNumeral(n);
    case 'chineseLegalSimplified':
      return [...chineseNumeral(n)].map((c) => (c === '十' ? '拾' : (LEGAL_DIGITS['零一二三四五六七八九'.indexOf(c)] ?? c))).join('');
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(CIRCLED_START + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

function letters(n: number): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = n;
  for (const [value, symbol] of table) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}
