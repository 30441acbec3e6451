import { parseDeadline } from '../normalize/deadlines.js';
import { readInlineResponsibility, readLabelLine, splitInline, splitSegments, type InlineParts } from '../normalize/inline.js';
import { markerKind, splitMarker, type MarkerKind } from '../normalize/markers.js';
import { ownCopy } from '../normalize/own-copy.js';
import { normalizeWhitespace } from '../normalize/whitespace.js';
import type { RawParagraph } from '../read/raw-table.js';
import { appendTask, type BuiltTable } from './build.js';
import type { Diagnostic, Measure, Place, Section, Task } from './schema.js';
import { findTitle, findYear } from './title.js';
import { diagnostic } from '../i18n/messages.js';

/** Why a paragraph was not read into the plan: the `kind` of its 'unread-text' diagnostic. */
type UnreadWhy = 'no-unit' | 'loose' | 'introduction';

/** A plan read from paragraphs: the model's parts, and the title and year found before the plan. */
export interface ProsePlan extends BuiltTable {
  title: string | null;
  year: number | null;
  /** The paragraphs before the plan's first numbered or responsible paragraph (its title among them), as the model's `preamble`. */
  preamble: string[];
}

/**
 * How deep each marker style sits, as official documents nest them (GB/T 9704): 第一条/第一章, then
 * 一、, （一）, 1., （1）, ①. A document that skips a style closes up; headings without a marker (Markdown
 * #, HTML h1–h6, Word heading styles) sit above every marker, by their level.
 */
const RANKS: Readonly<Record<MarkerKind, number>> = {
  ordinal: 10,
  cjk: 20,
  'paren-cjk': 30,
  arabic: 40,
  'paren-arabic': 50,
  circled: 60,
};

/** A heading or measure shorter than this, not ending a sentence, reads as a title with paragraphs below it. */
const TITLE_LENGTH = 40;

/** One numbered paragraph (or heading, or unnumbered paragraph below one) and what it holds. */
interface Node {
  /** 1-based paragraph number, and source line, of its first paragraph. */
  place: Place;
  rank: number;
  /** A marker style or heading level; null for an unnumbered paragraph below a numbered one. */
  kind: string | null;
  marker: string | null;
  number: number | null;
  /** Its paragraphs as written, the marker kept, responsibility split off. */
  texts: string[];
  /** Its paragraphs without the marker, responsibility split off. */
  title: string[];
  parts: Omit<InlineParts, 'text'>;
  heading: boolean;
  parent: Node | null;
  children: Node[];
  /** Every paragraph of the node as written, for reporting text that is not read. */
  written: { text: string; place: Place }[];
  /** Whether a measure took its responsibility (or deadline) from this node. */
  used: boolean;
}

/** Settings for reading a plan: department aliases. */
export interface ProseSettings {
  aliases?: Readonly<Record<string, string>>;
}

/**
 * Reads a task plan written as numbered paragraphs with the responsibility inline (分工方案) into
 * sections, tasks and measures. The hierarchy comes from the numbering markers: the finest
 * paragraphs are the measures, and those that name no one take the units of the nearest heading
 * above that does (`inherited`). Levels above the measures are tasks, and sections when there are
 * two or more. Text outside the plan is reported as 'unread-text'. Returns null when no paragraph
 * names anyone responsible: then the document is not such a plan.
 */
export function buildProse(paragraphs: readonly RawParagraph[], settings: ProseSettings = {}): ProsePlan | null {
  const reader = new ProseReader();
  paragraphs.forEach((paragraph, i) => reader.paragraph(paragraph, i + 1, paragraphs));
  const roots = reader.roots.filter((root) => names(root));
  if (roots.length === 0) return null;
  // A sentence before the plan ("为……，制定本方案。") is an introduction, not the title.
  const headings = reader.before.filter((p) => !/[。；！？]$/u.test(p));
  const title = findTitle(headings.length > 0 ? headings : reader.before);
  const year = findYear(title, reader.before);
  const builder = new ProseBuilder(roots, settings.aliases ?? {}, year);
  // Text outside the plan (preamble, principles, safeguards, closing remarks) is reported, not dropped.
  for (const root of reader.roots.filter((r) => !roots.includes(r))) builder.unread(root, 'no-unit');
  for (const loose of reader.loose) builder.report(loose.text, loose.place, 'loose');
  // The text before the plan is the model's preamble, as the text before a table is: never dropped.
  return { title, year, preamble: reader.before.map(ownCopy), ...builder.finish() };
}

/** Whether a node or any node below it names someone responsible. */
function names(node: Node): boolean {
  return node.parts.responsible.length > 0 || node.children.some(names);
}

/** Turns paragraphs into a tree of numbered nodes. */
class ProseReader {
  readonly roots: Node[] = [];
  readonly before: string[] = [];
  readonly loose: { text: string; place: Place }[] = [];
  private readonly stack: Node[] = [];
  /** Heading levels used more than once; a level used once is the document's title, not a level of the plan. */
  private headingLevels: Set<number> | null = null;

  paragraph(raw: RawParagraph, index: number, all: readonly RawParagraph[]): void {
    const text = normalizeWhitespace(raw.text).replace(LOST_INDENT, '');
    if (text === '') return;
    const place: Place = { table: 1, row: index, column: 1, line: raw.line };
    const current = this.stack.at(-1);
    const label = readLabelLine(text);
    if (label) {
      // "牵头单位：市财政局" on a line of its own belongs to the paragraph above.
      if (current) this.absorb(labelTarget(current), label, text, place, false);
      else this.before.push(text);
      return;
    }
    const segments = splitSegments(text);
    if (segments.length > 1) {
      this.segments(segments, raw, place, all);
      return;
    }
    this.line(text, raw, place, all);
  }

  /**
   * A paragraph holding several measures, each closed by its responsibility bracket: a numbered one
   * whose first sentence is a title ("（一）围绕……做好信息公开。甲。（X负责落实）乙。（Y负责落实）") heads
   * them, and the measures are unnumbered paragraphs below it.
   */
  private segments(segments: string[], raw: RawParagraph, place: Place, all: readonly RawParagraph[]): void {
    // A heading level belongs to the paragraph's first segment only.
    const later = { ...raw, heading: undefined };
    segments.forEach((segment, k) => {
      const own = k === 0 ? raw : later;
      const marked = splitMarker(segment);
      const kind = marked ? markerKind(marked.marker) : null;
      const stop = marked ? marked.rest.search(/[。！？]/u) : -1;
      const start = marked ? -1 : itemStart(segment, segments[k + 1]);
      if (start > 0) {
        // "……困难人群。1、202223年……（X负责）": text the item follows (a copy that lost its line breaks), then the item.
        this.line(segment.slice(0, start), own, place, all);
        this.line(segment.slice(start), later, place, all);
        return;
      }
      if (!marked || !kind || stop < 0 || stop === marked.rest.length - 1 || splitInline(marked.rest.slice(0, stop + 1)).responsible.length > 0) {
        this.line(segment, own, place, all);
        return;
      }
      const title = segment.slice(0, segment.length - marked.rest.length + stop + 1);
      const after = segment.slice(title.length).trim();
      const inner = splitMarker(after);
      const innerKind = inner ? markerKind(inner.marker) : null;
      // "（二）提高保障水平。5、到2023年……（市财政局负责）": a heading, and the first item below it.
      const item = innerKind !== null && RANKS[innerKind] > RANKS[kind];
      // Further segments are headed so only where an item follows: their first sentence is no title otherwise.
      if (k > 0 && !item) {
        this.line(segment, own, place, all);
        return;
      }
      this.open(RANKS[kind], kind, title, marked, true, place);
      if (item) this.line(after, later, place, all);
      else this.push(this.node(RANKS[kind] + 1, null, after, null, false, place), this.stack.at(-1) ?? null);
    });
  }

  private line(text: string, raw: RawParagraph, place: Place, all: readonly RawParagraph[]): void {
    const current = this.stack.at(-1);
    const marked = splitMarker(text);
    const kind = marked ? markerKind(marked.marker) : null;
    if (marked && kind) {
      this.open(RANKS[kind], kind, text, marked, raw.heading !== undefined, place);
      return;
    }
    if (raw.heading !== undefined && this.usedHeadingLevels(all).has(raw.heading)) {
      this.open(raw.heading, `h${raw.heading}`, text, null, true, place);
      return;
    }
    const parts = splitInline(text);
    if (!current) {
      if (parts.responsible.length > 0) this.push(this.node(0, null, text, null, false, place), null);
      else this.before.push(text);
      return;
    }
    const own = current.parts.responsible.length > 0;
    if (current.kind !== null && isTitle(current)) {
      // An unnumbered paragraph under a heading is a measure of it, or its introduction.
      this.push(this.node(current.rank + 1, null, text, null, false, place), current);
    } else if (current.kind === null && !own && /[。！？!?]$/u.test(current.texts.at(-1) ?? '')) {
      // Unnumbered paragraphs under a heading, each a finished sentence: measures side by side.
      this.stack.pop();
      this.push(this.node(current.rank, null, text, null, false, place), current.parent);
    } else if (!own) {
      // A line that continues the paragraph above (a copy that wrapped it, or its body after its title).
      this.absorb(current, parts, text, place, true);
    } else if (parts.responsible.length > 0) {
      // Another measure after one that named its units: an unnumbered one beside it.
      this.stack.pop();
      this.push(this.node(current.rank, null, text, null, false, place), current.parent);
    } else {
      this.loose.push({ text, place });
    }
  }

  private open(rank: number, kind: string, text: string, marked: { marker: string; number: number } | null, heading: boolean, place: Place): void {
    // Unnumbered paragraphs close with any numbered one; numbered ones close at their own depth.
    while (this.stack.length > 0 && ((this.stack.at(-1) as Node).kind === null || (this.stack.at(-1) as Node).rank >= rank)) this.stack.pop();
    this.push(this.node(rank, kind, text, marked, heading, place), this.stack.at(-1) ?? null);
  }

  private node(rank: number, kind: string | null, text: string, marked: { marker: string; number: number } | null, heading: boolean, place: Place): Node {
    const parts = splitInline(text);
    const rest = marked ? parts.text.slice(Math.min(parts.text.length, markerLength(parts.text, marked.marker))).trimStart() : parts.text;
    return {
      place,
      rank,
      kind,
      marker: marked?.marker ?? null,
      number: marked?.number ?? null,
      texts: [parts.text],
      title: [rest],
      parts: { responsible: parts.responsible, deadlines: parts.deadlines, notes: parts.notes },
      heading,
      parent: null,
      children: [],
      written: [{ text, place }],
      used: false,
    };
  }

  private push(node: Node, parent: Node | null): void {
    node.parent = parent;
    if (parent) parent.children.push(node);
    else this.roots.push(node);
    this.stack.push(node);
  }

  /** Adds a paragraph to a node: its text when `asText`, always what it says about who and when. */
  private absorb(node: Node, parts: InlineParts, text: string, place: Place, asText: boolean): void {
    if (asText && parts.text !== '') {
      node.texts.push(parts.text);
      node.title.push(parts.text);
    }
    for (const item of parts.responsible) node.parts.responsible.push(item);
    for (const item of parts.deadlines) node.parts.deadlines.push(item);
    for (const item of parts.notes) node.parts.notes.push(item);
    node.written.push({ text, place });
  }

  private usedHeadingLevels(all: readonly RawParagraph[]): Set<number> {
    if (this.headingLevels) return this.headingLevels;
    const counts = new Map<number, number>();
    for (const p of all) {
      if (p.heading !== undefined && !splitMarker(normalizeWhitespace(p.text))) counts.set(p.heading, (counts.get(p.heading) ?? 0) + 1);
    }
    this.headingLevels = new Set([...counts].filter(([, n]) => n > 1).map(([level]) => level));
    return this.headingLevels;
  }
}

/**
 * A paragraph's indentation of two ideographic spaces that a copy turned into "??" (a conversion to
 * a code page without U+3000): "??1.优化…", "??一、…". Only before Han text or a marker; kept elsewhere.
 */
const LOST_INDENT = /^\?\?(?=[\p{Script=Han}（(\d])/u;

/** An item marker after a sentence's end: "。1、", "；2." */
const ITEM_AFTER_SENTENCE = /[。；！？](\d{1,3})[、.．]/gu;

/**
 * Where a segment that starts with no marker holds an item after its sentences ("……困难人群。1、
 * 202223年……（X负责）"): the last such item numbered just before the segment that follows it, so
 * that a sentence starting with a number ("。1、2月份完成") is not taken for one. -1 where none is.
 */
function itemStart(segment: string, next: string | undefined): number {
  const following = next === undefined ? null : splitMarker(next);
  if (!following || markerKind(following.marker) !== 'arabic') return -1;
  let start = -1;
  for (const match of segment.matchAll(ITEM_AFTER_SENTENCE)) if (Number(match[1]) === following.number - 1) start = match.index + 1;
  return start;
}

/** The marker's length in text that begins with it (the marker as split, e.g. "1." of "1. 推进"). */
function markerLength(text: string, marker: string): number {
  return text.startsWith(marker) ? marker.length : 0;
}

/** A node whose one paragraph reads as a title (a heading, or short without a sentence in it). */
function isTitle(node: Node): boolean {
  if (node.title.length > 1) return false;
  if (node.heading) return true;
  const title = node.title[0] ?? '';
  return title.length <= TITLE_LENGTH && !/[。；;！？!?]/u.test(title);
}

/**
 * Where a label line below a paragraph belongs: to that paragraph, unless it closes a group of
 * items none of which named anyone ("（1）…（4）…" then "（责任单位：…）"): then to the group's heading.
 */
function labelTarget(node: Node): Node {
  const parent = node.parent;
  if (!parent || node.parts.responsible.length > 0) return node;
  const earlier = parent.children.slice(0, parent.children.indexOf(node));
  return earlier.length > 0 && earlier.every((sibling) => sibling.parts.responsible.length === 0) ? parent : node;
}

/** Walks the tree of a plan and builds the model's sections, tasks and measures. */
class ProseBuilder {
  private readonly sections: Section[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private section: Section | null = null;
  private task: Task | null = null;
  private readonly sectionRank: number | null;
  /** Ranks of the headings read as tasks: a measure at one of them, beside such tasks, is a task of its own. */
  private readonly taskRanks: Set<number>;
  /** The paragraph the current task came from (its heading, or the section a task without a title is under). */
  private taskNode: Node | null = null;

  constructor(
    private readonly roots: readonly Node[],
    private readonly aliases: Readonly<Record<string, string>>,
    private readonly year: number | null,
  ) {
    const all = roots.flatMap(descendants);
    const headingRanks = [...new Set(all.filter((n) => !this.isMeasure(n) && !isIntroduction(n) && hasMeasureBelow(n, this)).map((n) => n.rank))].sort((a, b) => a - b);
    this.sectionRank = headingRanks.length >= 2 ? (headingRanks[0] as number) : null;
    this.taskRanks = new Set(headingRanks.filter((rank) => rank !== this.sectionRank));
  }

  /**
   * The finest paragraphs are the measures; a heading's units go to the measures below it that name
   * none (so "1.…" followed by "（1）…（4）" and one 责任单位 line gives four measures that share it).
   */
  isMeasure(node: Node): boolean {
    return node.children.length === 0;
  }

  finish(): Omit<BuiltTable, 'columns'> & { columns: [] } {
    for (const root of this.roots) this.visit(root);
    for (const node of this.roots.flatMap(descendants)) {
      if (node.used || this.isMeasure(node) || (node.parts.responsible.length === 0 && node.parts.deadlines.length === 0 && node.parts.notes.length === 0)) continue;
      const said = [...node.parts.responsible, ...node.parts.deadlines, ...node.parts.notes].join('；');
      this.diagnostics.push(diagnostic('unread-text', 'info', { kind: 'heading', paragraph: node.place.row, text: said }, node.place));
    }
    const departments = new Set<string>();
    for (const section of this.sections) for (const task of section.tasks) for (const measure of task.measures) for (const name of measure.departments) departments.add(name);
    return { columns: [], sections: this.sections, departments: [...departments], diagnostics: this.diagnostics.sort((a, b) => (a.place?.row ?? 0) - (b.place?.row ?? 0)) };
  }

  /** Reports every paragraph of a node and of the nodes below it as text not read into the plan. */
  unread(node: Node, why: UnreadWhy): void {
    for (const n of descendants(node)) for (const { text, place } of n.written) this.report(text, place, why);
  }

  /** Reports one paragraph not read into the plan; `why` picks the message's wording (params.kind). */
  report(text: string, place: Place, why: UnreadWhy): void {
    this.diagnostics.push(diagnostic('unread-text', 'info', { kind: why, paragraph: place.row, text }, place));
  }

  private visit(node: Node): void {
    if (isIntroduction(node)) {
      this.unread(node, 'introduction');
      return;
    }
    if (this.isMeasure(node)) {
      this.addMeasure(node);
      return;
    }
    if (node.rank === this.sectionRank) this.startSection(node);
    else this.startTask(node);
    for (const child of node.children) this.visit(child);
  }

  private startSection(node: Node): void {
    this.section = { number: node.number, marker: node.marker, title: joined(node.title), tasks: [], place: node.place };
    this.sections.push(this.section);
    this.task = null;
    this.taskNode = null;
  }

  private startTask(node: Node): void {
    this.openTask({ number: node.number, marker: node.marker, title: joined(node.title), measures: [], place: node.place });
    this.taskNode = node;
  }

  private openTask(task: Task): void {
    this.section = appendTask(this.sections, this.section, task);
    this.task = task;
  }

  private addMeasure(node: Node): void {
    if (this.taskRanks.has(node.rank) && node.kind !== null) {
      // "（一）优化政务服务事项清单【…】" among tasks "（二）…" that have measures: a task with itself as its measure.
      this.startTask(node);
    } else if (!this.task || this.taskNode !== node.parent) {
      this.openTask({ number: null, marker: null, title: '', measures: [], place: node.place });
      this.taskNode = node.parent;
    }
    const owner = ancestry(node).find((n) => n.parts.responsible.length > 0) ?? null;
    // A deadline of its own, else the nearest heading's.
    const dated = ancestry(node).find((n) => n.parts.deadlines.length > 0) ?? null;
    if (owner) owner.used = true;
    if (dated) dated.used = true;
    const read = readInlineResponsibility(owner?.parts.responsible ?? []);
    const alias = (list: string[]) => [...new Set(list.map((name) => (Object.hasOwn(this.aliases, name) ? (this.aliases[name] as string) : ownCopy(name))))];
    const deadlines = dated?.parts.deadlines ?? [];
    const notes = [read.notes, ...(owner?.parts.notes ?? []), ...(owner === node ? [] : node.parts.notes)].filter((n): n is string => !!n);
    const measure: Measure = {
      number: node.number,
      text: joined(node.texts),
      departments: alias(read.departments),
      lead: alias(read.lead),
      support: alias(read.support),
      inherited: owner !== null && owner !== node,
      deadline: deadlines.length > 0 ? parseDeadline(ownCopy(deadlines.join('；')), this.year) : null,
      notes: notes.length > 0 ? ownCopy([...new Set(notes)].join('；')) : null,
      extra: {},
      place: node.place,
    };
    if (measure.departments.length === 0) {
      this.diagnostics.push(diagnostic('missing-departments', 'error', { kind: 'paragraph', row: node.place.row }, node.place));
    }
    (this.task as Task).measures.push(measure);
  }
}

/** An unnumbered paragraph that names no one, under a heading whose numbered paragraphs follow it. */
function isIntroduction(node: Node): boolean {
  return node.kind === null && node.parts.responsible.length === 0 && (node.parent?.children.some((c) => c.kind !== null) ?? false);
}

function hasMeasureBelow(node: Node, builder: ProseBuilder): boolean {
  return node.children.some((child) => !isIntroduction(child) && (builder.isMeasure(child) || hasMeasureBelow(child, builder)));
}

/** A node and every node below it, in document order. */
function descendants(node: Node): Node[] {
  const out: Node[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop() as Node;
    out.push(next);
    for (let i = next.children.length - 1; i >= 0; i -= 1) stack.push(next.children[i] as Node);
  }
  return out;
}

/** A node and the nodes above it, nearest first. */
function ancestry(node: Node): Node[] {
  const out: Node[] = [];
  for (let at: Node | null = node; at; at = at.parent) out.push(at);
  return out;
}

function joined(texts: readonly string[]): string {
  // A copy: the model outlives the input, which a slice of it (one paragraph joined is that paragraph) would keep whole.
  return ownCopy(normalizeWhitespace(texts.filter((t) => t !== '').join(' ')));
}
