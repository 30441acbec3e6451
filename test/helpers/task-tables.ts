import fc from 'fast-check';

/**
 * Abstract task tables for the property tests: what a table says, apart from how a format writes
 * it. `arbitraryTaskTable` makes random ones, `expectedModel` says what fenjie must read from any
 * faithful rendering of one, computed here from the abstract table and not by fenjie's own code.
 *
 * Text mixes common words, random ideographs (a few beyond the BMP), ASCII words, digits, full-width
 * digits, brackets （）《》“”【】‘’() and punctuation, drawn from what every format carries verbatim
 * once its writer escapes it (&<>" in HTML, ASCII punctuation in Markdown, | in pipe rows, " in TSV).
 * Left out, on purpose: TABs and line breaks inside a line (they are the structure of the text
 * layouts; a cell's line breaks are modelled as separate lines instead); white space other than one
 * ASCII space beside an ASCII word, such as runs of spaces, spaces between two CJK characters, no-break
 * and ideographic spaces (normalization changes them, so the text would not come back verbatim; the
 * style's `noise` adds such white space where it must vanish); control characters (refused as
 * undecodable); the backslash (the escape character of pipe rows, which have no escape for itself);
 * and non-ASCII characters outside fenjie's CJK ranges such as the em dash "—" (a line break beside
 * one becomes a space rather than nothing, so the expected text would need fenjie's own character
 * classes; here every non-ASCII character is CJK and every ASCII one is not).
 */

/** A department as the table writes it and as the model names it. */
export interface Department {
  /** The name in the model: full-width brackets. */
  name: string;
  /** The name as the cell writes it (ASCII brackets in some tables). */
  written: string;
}

/** How a measure gets its departments. */
export type DepartmentCell =
  | { kind: 'own'; departments: Department[]; separator: Separator }
  /** The cell above spans down over this row (rowspan, w:vMerge, or a blank in the text layouts). */
  | { kind: 'merged' }
  /** A ditto mark repeats the cell above. */
  | { kind: 'ditto'; mark: string };

/** What stands between the names of a department cell: a line break or a list separator. */
export type Separator = '\n' | '、' | '，' | '；' | ',' | ';' | ' ';

export interface AbstractMeasure {
  /** The measure's lines (a cell with line breaks when there are several); the first starts with its marker, if any. */
  lines: string[];
  /** The number of the marker the text starts with ("（2）", "②"), else null. */
  number: number | null;
  departments: DepartmentCell;
}

export interface AbstractTask {
  /** Task title lines; the first starts after the marker. */
  lines: string[];
  measures: AbstractMeasure[];
  /** The style family of the measures' markers, if they have any (null or left out when they have none). */
  measureMarkers?: MarkerFamily | null;
}

/** Families of numbering markers, as far as telling one level from another goes. */
export type MarkerFamily = 'arabic' | 'paren-arabic' | 'circled';

export interface AbstractSection {
  title: string;
  tasks: AbstractTask[];
}

/** Where the sections stand: a column of merged cells, rows spanning the table, or nowhere. */
export type SectionLayout = 'column' | 'rows' | 'none';

/** Choices a writer makes that do not change the model; drawn at random with the table. */
export interface WriterStyle {
  /** The title as a row spanning the table above the header, rather than text before it. */
  titleRow: boolean;
  /** Tab-led text and pipe rows: the line ends (TSV always has Excel's CRLF, Markdown LF). */
  lineEnd: '\n' | '\r\n' | '\r';
  /** Tab-led text: a blank line after every row, as Word's export writes. */
  blankLineAfterRow: boolean;
  /** Pipe rows: outer pipes on every row. */
  outerPipes: boolean;
  /** Pipe rows: further lines of the last cell on lines of their own (without pipes). */
  continuationLines: boolean;
  /** Markdown: the title as a heading (else a paragraph). */
  markdownHeading: boolean;
  /** Markdown, HTML and docx: the year of the title in bold, a run of its own. */
  boldYear: boolean;
  /** HTML: a cell's lines as <p> paragraphs (else separated by <br>). */
  htmlParagraphs: boolean;
  /** docx: a cell's lines as line breaks (w:br) in one paragraph (else one paragraph a line). */
  docxBreaks: boolean;
  /** HTML: the title in <title> as well as in the body. */
  htmlTitleElement: boolean;
  /** An attachment label ("附件2") above the title. */
  attachment: boolean;
  /**
   * White space that normalization removes: spaces around cell text, the header written with a
   * space between its characters ("责 任 部 门"), a run of spaces inside a section title ("建   设").
   */
  noise: boolean;
}

export interface AbstractTable {
  year: number;
  title: string;
  headers: { section: string; task: string; measure: string; departments: string };
  sectionLayout: SectionLayout;
  /** How task numbers are written: "1、", "1.", "1．", "（1）"; tasks are numbered straight through. */
  taskMarkerStyle: TaskMarkerStyle;
  sections: AbstractSection[];
  style: WriterStyle;
}

export type TaskMarkerStyle = '、' | '.' | '．' | '（）';

/** The marker of task number n in a table's style: "1、". */
export function taskMarker(table: AbstractTable, n: number): string {
  return table.taskMarkerStyle === '（）' ? `（${n}）` : `${n}${table.taskMarkerStyle}`;
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The section marker: "一、". */
export function sectionMarker(index: number): string {
  return `${SECTION_NUMERALS[index] ?? String(index + 1)}、`;
}

// ---- vocabulary ----

/** Words a title or measure starts with: never a numeral, a digit or a bracket, so no marker is read. */
const LEADS = ['推进', '加强', '完善', '做好', '落实', '建立', '规范', '深化', '开展', '健全', '提升', '优化', '强化', '组织', '编制', '发布', '公开'];
const WORDS = [
  '政务', '信息', '公开', '平台', '制度', '建设', '执法', '公示', '行政', '许可', '处罚', '预算', '决算', '网站', '新媒体',
  '政策', '解读', '回应', '关切', '依申请', '办理', '年度', '报告', '专栏', '数据', '开放', '服务', '事项', '清单', '工作',
  '机制', '标准化', '监督', '考核', '培训', '目录', '指南', '流程', '公众', '参与', '决策', '会议', '结果', '管理', '热线',
  '舆情', '基层', '乡镇', '街道', '社区', '牵头', '配合', '同上',
];
/** ASCII words, with the punctuation each format must escape: & < > in HTML, | in pipe rows, " in TSV. */
const ASCII_WORDS = ['APP', 'PDF', 'OA', '12345', 'API', 'Web', 'v2.0', 'ISO 9001', 'R&D', 'C#', 'A|B', 'x<y>z', '"e-Gov"', '5G', 'a/b', 'e-mail', '*new*', '[1]', '_x_', '`id`', '#1', '50%'];
const NUMBERS = ['3个', '100%', '2019年', '20个工作日', '1次', '95%以上', '10日内', '１２３４５'];
/** Words of time, which make a short measure look like a deadline to the placing of short rows. */
const TIMES = ['第1季度', '每季度', '6月底前', '年底前', '持续', '长期'];
const BRACKETS: readonly (readonly [string, string])[] = [
  ['（', '）'],
  ['《', '》'],
  ['“', '”'],
  ['【', '】'],
  ['‘', '’'],
  ['(', ')'],
];
const PUNCTUATION = ['，', '、', '；', '：', '。', '！', '？'];

/** The department pool: some with brackets, some written with ASCII brackets. */
const DEPARTMENT_NAMES = [
  '办公室',
  '法制办',
  '各分（县）局',
  '科技处（信息办）',
  '县财政局',
  '各县（市、区）人民政府',
  '市局相关单位',
  '指挥部',
  '政治部',
  '信息中心',
  '规划信息处（爱卫办）',
  '县政务服务中心（大数据局）',
  '12345热线办公室',
  '《政务公开》编辑部',
  '各乡镇（街道）',
];

const HEADERS = {
  section: ['项目名称', '重点领域', '工作领域', '类别'],
  task: ['基本任务', '工作任务', '重点任务', '主要任务', '主要工作任务'],
  measure: ['具体措施', '具体要求', '工作措施', '主要内容', '具体工作措施'],
  departments: ['责任部门', '责任单位', '责任处室', '责任科室', '承办单位', '责任单位（部门）'],
};

/** How measures are numbered in their text, within each task: not at all, （1）, (1), ①, 1). */
const MEASURE_MARKERS: readonly { family: MarkerFamily; write: (n: number) => string }[] = [
  { family: 'paren-arabic', write: (n) => `（${n}）` },
  { family: 'paren-arabic', write: (n) => `(${n})` },
  { family: 'circled', write: (n) => String.fromCodePoint(0x2460 + n - 1) },
  { family: 'arabic', write: (n) => `${n})` },
];

const TASK_MARKER_FAMILIES: Record<TaskMarkerStyle, MarkerFamily> = { '、': 'arabic', '.': 'arabic', '．': 'arabic', '（）': 'paren-arabic' };

const ORGANIZATIONS = ['某局', '某县人民政府', '市公安局', '区政务服务中心', '某市人民政府办公室'];
const TOPICS = ['政务公开工作', '政务公开工作要点', '政务公开重点工作', '政府信息公开工作'];

// ---- characters ----

/** CJK or not, for this alphabet: every non-ASCII character generated here is CJK to fenjie. */
function isCjkHere(char: string): boolean {
  return char.charCodeAt(0) >= 0x80;
}

/** Joins pieces as normalization leaves them: one space where either side is ASCII, none between CJK. */
function joinNormalized(pieces: readonly string[], spaced: readonly boolean[]): string {
  let out = pieces[0] ?? '';
  pieces.slice(1).forEach((piece, i) => {
    const left = out.at(-1) ?? '';
    const right = piece.charAt(0);
    const space = spaced[i] === true && !(isCjkHere(left) && isCjkHere(right));
    out += (space ? ' ' : '') + piece;
  });
  return out;
}

/** The text the model holds for lines of a cell: line breaks become a space, or nothing between CJK. */
export function joinLines(lines: readonly string[]): string {
  return joinNormalized(lines, lines.map(() => true));
}

// ---- arbitraries ----

const word = fc.constantFrom(...WORDS);
/** Any ideograph of the basic block, or now and then one beyond the BMP (extension B, a surrogate pair in UTF-16). */
const ideograph = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x20000, max: 0x2a6df }) },
).map((code) => String.fromCodePoint(code));
const cjkPhrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(''));

/** One token of running text after the lead word. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom(...TIMES) },
  { weight: 2, arbitrary: fc.array(ideograph, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...ASCII_WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...BRACKETS), cjkPhrase).map(([[open, close], inner]) => `${open}${inner}${close}`) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
);

/** A line of text: a lead word and tokens, spaces beside ASCII words now and then, maybe a full stop. */
const line: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...LEADS), fc.array(fc.tuple(token, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([lead, rest, stop]) => {
    const pieces = [lead, ...rest.map(([t]) => t)];
    const text = joinNormalized(pieces, rest.map(([, spaced]) => spaced));
    return stop && !text.endsWith('。') ? `${text}。` : text;
  });

/** One to `max` lines, each starting with a lead word. */
const lines = (max: number) => fc.array(line, { minLength: 1, maxLength: max });

const title = fc.tuple(fc.constantFrom(...LEADS), cjkPhrase, fc.option(fc.tuple(fc.constantFrom(...BRACKETS.slice(0, 3)), cjkPhrase), { nil: undefined })).map(
  ([lead, phrase, bracket]) => `${lead}${phrase}${bracket ? `${bracket[0][0]}${bracket[1]}${bracket[0][1]}` : ''}`,
);

/** What the cells of a table may hold, from its TableOptions. */
interface CellOptions {
  /** Department names to draw from. */
  names: string[];
  /** Names may be written with ASCII brackets. */
  asciiBrackets: boolean;
  /** Separators between the names of a department cell. */
  separators: Separator[];
  /** Every measure holds a full stop. */
  sentences: boolean;
  /** Department cells may be ditto marks. */
  ditto: boolean;
}

const department = (pool: CellOptions): fc.Arbitrary<Department> =>
  fc.tuple(fc.constantFrom(...pool.names), pool.asciiBrackets ? fc.boolean() : fc.constant(false)).map(([name, ascii]) => ({
    name,
    written: ascii ? name.replace(/（/g, '(').replace(/）/g, ')') : name,
  }));

/** Separators, line breaks the most common, as in real tables. */
const SEPARATORS: Separator[] = ['\n', '\n', '\n', '、', '，', '；', ',', ';', ' '];

const ownDepartments = (pool: CellOptions): fc.Arbitrary<DepartmentCell> =>
  fc
    .tuple(fc.uniqueArray(department(pool), { minLength: 1, maxLength: 3, selector: (d) => d.name }), fc.constantFrom(...pool.separators))
    .map(([departments, sep]) => ({
      kind: 'own',
      departments,
      // A space separates only CJK names; before "12345热线办公室" it would not, so use a line break.
      separator: sep === ' ' && departments.some((d, i) => i > 0 && !isCjkHere(d.written.charAt(0))) ? '\n' : sep,
    }));

const followingDepartments = (pool: CellOptions): fc.Arbitrary<DepartmentCell> =>
  fc.oneof(
    { weight: 4, arbitrary: ownDepartments(pool) },
    { weight: 4, arbitrary: fc.constant<DepartmentCell>({ kind: 'merged' }) },
    { weight: pool.ditto ? 1 : 0, arbitrary: fc.constantFrom('〃', '同上').map((mark): DepartmentCell => ({ kind: 'ditto', mark })) },
  );

const measure = (first: boolean, pool: CellOptions) =>
  fc.record({
    lines: fc
      .oneof({ weight: 4, arbitrary: lines(1) }, { weight: 1, arbitrary: lines(3) })
      .map((ls) => (pool.sentences && !ls.some((l) => l.includes('。')) ? [...ls.slice(0, -1), `${ls.at(-1) ?? ''}。`] : ls)),
    departments: first ? ownDepartments(pool) : followingDepartments(pool),
    // A task's first measure may take the departments of the task above (kept only where options allow).
    fromTaskAbove: first
      ? fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: followingDepartments(pool) })
      : fc.constant(null),
  });

/** A measure as drawn, before TableOptions say whether it may take its departments from the task above. */
type DrawnMeasure = AbstractMeasure & { fromTaskAbove?: DepartmentCell };

const task = (pool: CellOptions): fc.Arbitrary<AbstractTask> =>
  fc
    .record({
      lines: fc.oneof({ weight: 5, arbitrary: title.map((t) => [t]) }, { weight: 1, arbitrary: fc.tuple(title, line).map(([t, l]) => [t, l]) }),
      measures: fc.tuple(measure(true, pool), fc.array(measure(false, pool), { maxLength: 3 })).map(([first, more]) => [first, ...more]),
      marker: fc.option(fc.constantFrom(...MEASURE_MARKERS), { freq: 2, nil: null }),
    })
    .map(({ lines: taskLines, measures, marker }) => ({
      lines: taskLines,
      measureMarkers: marker?.family ?? null,
      measures: measures.map(({ fromTaskAbove, ...m }, i): DrawnMeasure => {
        const above = fromTaskAbove && fromTaskAbove.kind !== 'own' ? { fromTaskAbove } : {};
        if (!marker) return { ...m, ...above, number: null };
        const [first = '', ...rest] = m.lines;
        return { ...m, ...above, number: i + 1, lines: [`${marker.write(i + 1)}${first}`, ...rest] };
      }),
    }));

const section = (pool: CellOptions): fc.Arbitrary<AbstractSection> =>
  fc.record({ title, tasks: fc.array(task(pool), { minLength: 1, maxLength: 4 }) });

const style: fc.Arbitrary<WriterStyle> = fc.record({
  titleRow: fc.boolean(),
  lineEnd: fc.constantFrom<WriterStyle['lineEnd']>('\n', '\r\n', '\r'),
  blankLineAfterRow: fc.boolean(),
  outerPipes: fc.boolean(),
  continuationLines: fc.boolean(),
  markdownHeading: fc.boolean(),
  boldYear: fc.boolean(),
  htmlParagraphs: fc.boolean(),
  docxBreaks: fc.boolean(),
  htmlTitleElement: fc.boolean(),
  attachment: fc.boolean(),
  noise: fc.boolean(),
});

/** What a format's tables may hold; every option defaults to everything. */
export interface TableOptions {
  /** Section layouts to draw from. */
  sectionLayouts?: SectionLayout[];
  /**
   * Whether a ditto cell may span rows (a 〃 cell merged down over the next measures). False works
   * around a fenjie bug: a ditto mark is recognised only in a cell one row high, so in HTML and docx
   * a spanning "〃" is read as a department named "〃" (see the it.fails cases in
   * test/property.test.ts). In the text layouts the merged rows are blanks under a one-row ditto cell.
   */
  dittoSpans?: boolean;
  /** Whether a task's first measure may take its departments from the task above (merged or ditto). */
  acrossTasks?: boolean;
  /**
   * Whether department names may be written with ASCII brackets ("各分(县)局"). False works around a
   * fenjie bug in rows that leave merged cells out: such a cell is not recognised as a list of
   * departments when it is placed by content (see the it.fails cases in test/property.test.ts).
   */
  asciiBrackets?: boolean;
  /** Department names never to draw (see the property tests for why a format leaves some out). */
  withoutDepartments?: string[];
  /** Whether a department cell may separate its names with white space: line breaks or spaces (else 、，；,;). */
  whitespaceSeparators?: boolean;
  /** Whether measures may be numbered in the same family of markers as tasks ("1、" and "1)"). */
  sameMarkerFamilies?: boolean;
  /** Whether every measure holds a full stop (else only some do). */
  sentences?: boolean;
  /** Whether department cells may be ditto marks (〃, 同上). */
  dittoMarks?: boolean;
}

/** Random task tables; options narrow what a format can write. */
export function arbitraryTaskTable(options: TableOptions = {}): fc.Arbitrary<AbstractTable> {
  const noDittoSpans = (sections: AbstractSection[]): AbstractSection[] => (options.dittoSpans === false ? withoutDittoSpans(sections) : sections);
  // Merges across tasks, where allowed, never reach back over a row spanning the table or above the first row.
  const acrossTasks = (sections: AbstractSection[], layout: SectionLayout): AbstractSection[] =>
    sections.map((section, s) => ({
      ...section,
      tasks: section.tasks.map((task, t) => {
        const [first, ...rest] = task.measures as [DrawnMeasure, ...AbstractMeasure[]];
        const { fromTaskAbove, ...own } = first;
        const allowed = options.acrossTasks === true && fromTaskAbove !== undefined && t + s > 0 && (t > 0 || layout !== 'rows');
        return { ...task, measures: [allowed ? { ...own, departments: fromTaskAbove } : own, ...rest] };
      }),
    }));
  const cells: CellOptions = {
    names: DEPARTMENT_NAMES.filter((name) => !options.withoutDepartments?.includes(name)),
    asciiBrackets: options.asciiBrackets ?? true,
    separators: options.whitespaceSeparators === false ? SEPARATORS.filter((sep) => sep.trim() !== '') : SEPARATORS,
    sentences: options.sentences ?? false,
    ditto: options.dittoMarks ?? true,
  };
  return fc
    .record({
      year: fc.integer({ min: 2005, max: 2030 }),
      organization: fc.constantFrom(...ORGANIZATIONS),
      topic: fc.constantFrom(...TOPICS),
      headers: fc.record({
        section: fc.constantFrom(...HEADERS.section),
        task: fc.constantFrom(...HEADERS.task),
        measure: fc.constantFrom(...HEADERS.measure),
        departments: fc.constantFrom(...HEADERS.departments),
      }),
      sectionLayout: fc.constantFrom<SectionLayout>(...(options.sectionLayouts ?? ['column', 'column', 'rows', 'none'])),
      taskMarkerStyle: fc.constantFrom<TaskMarkerStyle>('、', '、', '.', '．', '（）'),
      sections: fc.array(section(cells), { minLength: 1, maxLength: 4 }),
      style,
    })
    .map(({ year, organization, topic, taskMarkerStyle, sectionLayout, sections, ...rest }) => ({
      ...rest,
      year,
      title: `${year}年${organization}${topic}任务分解表`,
      taskMarkerStyle,
      sectionLayout,
      // Without a section level there is one section of tasks.
      sections: noDittoSpans(
        acrossTasks(sectionLayout === 'none' ? [{ title: sections[0]?.title ?? '', tasks: sections.flatMap((s) => s.tasks) }] : sections, sectionLayout),
      ),
    }))
    .filter(measuresAreDistinct)
    .filter((table) => options.sameMarkerFamilies !== false || markerFamiliesDiffer(table));
}

/** Whether no task's measures are numbered in the family of markers the tasks are. */
function markerFamiliesDiffer(table: AbstractTable): boolean {
  return table.sections.every((s) => s.tasks.every((t) => t.measureMarkers !== TASK_MARKER_FAMILIES[table.taskMarkerStyle]));
}

/** Sections in which a measure after a ditto cell has a ditto of its own rather than a cell merged with it. */
function withoutDittoSpans(sections: AbstractSection[]): AbstractSection[] {
  let above: DepartmentCell | null = null;
  return sections.map((section) => ({
    ...section,
    tasks: section.tasks.map((task) => ({
      ...task,
      measures: task.measures.map((measure) => {
        const departments: DepartmentCell = measure.departments.kind === 'merged' && above?.kind === 'ditto' ? above : measure.departments;
        above = departments;
        return { ...measure, departments };
      }),
    })),
  }));
}

/** Tables that repeat a measure draw a 'duplicate-measure' warning; they are not what is tested here. */
function measuresAreDistinct(table: AbstractTable): boolean {
  const texts = table.sections.flatMap((s) => s.tasks.flatMap((t) => t.measures.map((m) => joinLines(m.lines))));
  return new Set(texts).size === texts.length;
}

// ---- the model a faithful reader must give ----

/** The parts of fenjie's model that must not depend on the format. */
export interface ExpectedModel {
  title: string;
  year: number;
  columns: { index: number; header: string; role: string }[];
  sections: {
    number: number | null;
    marker: string | null;
    title: string | null;
    tasks: {
      number: number;
      marker: string;
      title: string;
      measures: {
        number: number | null;
        text: string;
        departments: string[];
        lead: string[];
        support: string[];
        inherited: boolean;
        deadline: null;
        notes: null;
        extra: Record<string, string>;
      }[];
    }[];
  }[];
  departments: string[];
  diagnostics: string[];
}

/** The column headers of a table, in order. */
export function headerRow(table: AbstractTable): string[] {
  const { section, task, measure, departments } = table.headers;
  return table.sectionLayout === 'column' ? [section, task, measure, departments] : [task, measure, departments];
}

/** How many rows have merged cells (section rows spanning the table, too) that a writer can leave out. */
function movedRows(table: AbstractTable): number {
  let n = 0;
  table.sections.forEach((section) => {
    section.tasks.forEach((task, t) =>
      task.measures.forEach((_measure, m) => {
        // A row that leaves out a leading (merged) cell has its cells moved right; one that leaves out only its departments does not.
        if (m > 0 || (t > 0 && table.sectionLayout === 'column')) n += 1;
      }),
    );
  });
  return n;
}

/**
 * What parse() must give for any faithful rendering of the table, without places and source.
 * `mergesAreBlanks` says whether the format writes a merged cell as blanks (the text layouts and
 * Markdown), where a task's first measure that takes the departments above is ambiguous and
 * reported as 'inherit-across-task'; a ditto mark there is reported in every format, a row span not.
 */
export function expectedModel(table: AbstractTable, { mergesAreBlanks, omitted = false }: { mergesAreBlanks: boolean; omitted?: boolean }): ExpectedModel {
  const roles = table.sectionLayout === 'column' ? ['section', 'task', 'measure', 'departments'] : ['task', 'measure', 'departments'];
  const all: string[] = [];
  const diagnostics: string[] = [];
  let taskNumber = 0;
  let current: string[] = [];
  const sections = table.sections.map((section, s) => {
    const tasks = section.tasks.map((task) => {
      taskNumber += 1;
      const measures = task.measures.map((measure, m) => {
        const cell = measure.departments;
        if (cell.kind === 'own') current = cell.departments.map((d) => d.name);
        if (m === 0 && (cell.kind === 'ditto' || (cell.kind === 'merged' && mergesAreBlanks))) diagnostics.push('inherit-across-task');
        for (const name of current) if (!all.includes(name)) all.push(name);
        return {
          number: measure.number,
          text: joinLines(measure.lines),
          departments: [...current],
          lead: [],
          support: [],
          inherited: cell.kind !== 'own',
          deadline: null,
          notes: null,
          extra: {},
        };
      });
      return { number: taskNumber, marker: taskMarker(table, taskNumber), title: joinLines(task.lines), measures };
    });
    return table.sectionLayout === 'none'
      ? { number: null, marker: null, title: null, tasks }
      : { number: s + 1, marker: sectionMarker(s), title: section.title, tasks };
  });
  return {
    title: table.title,
    year: table.year,
    columns: headerRow(table).map((header, i) => ({ index: i + 1, header, role: roles[i] as string })),
    sections,
    departments: all,
    // Rows that leave merged cells out are placed by what their cells hold, and reported together where that moved them.
    diagnostics: omitted && movedRows(table) > 0 ? [...diagnostics, 'guessed-layout'] : diagnostics,
  };
}
