import type { Diagnostic, DiagnosticParams, Place } from '../model/schema.js';
import type { FenjieErrorCode } from '../errors.js';
import { isRuleId, type RuleId } from '../validate/ids.js';
import type { Locale } from './locale.js';
import { ownCopy } from '../normalize/own-copy.js';

type Render = (p: DiagnosticParams) => string;

/** How one rule speaks: its message in each language, from the parameters its diagnostics carry. */
interface RuleText {
  en: Render;
  zh: Render;
  /** The rule's one-sentence description in Chinese (the English one is the rule's own). */
  zhDescription: string;
}

const quote = (text: string | number | undefined) => `"${text ?? ''}"`;
const zhQuote = (text: string | number | undefined) => `“${text ?? ''}”`;

// Chinese names of the reasons a file is refused, for parse-error (the detail stays as fenjie wrote it).
const ERROR_CODES_ZH: Record<FenjieErrorCode, string> = {
  'no-table': '未找到表格',
  undecodable: '无法解码文本',
  'unsupported-format': '不支持的文件格式',
  'corrupt-docx': '.docx 文件已损坏',
  'corrupt-file': '文件已损坏',
  'limit-exceeded': '超出限制',
  'file-not-found': '文件不存在',
  'unreadable-file': '文件无法读取',
  'invalid-options': '选项无效',
  'invalid-model': 'fenjie 内部错误',
  'internal-error': 'fenjie 内部错误',
};

// Why a paragraph of a prose plan was not read ('unread-text' params.kind), in both languages.
const UNREAD_WHY: Record<string, { en: string; zh: string }> = {
  introduction: { en: 'introduces the numbered paragraphs below its heading', zh: '是其标题下编号段落的引言' },
  loose: { en: 'follows a measure that already names its units and names none itself', zh: '跟在已写明单位的措施之后，自身未写明单位' },
  'no-unit': { en: 'names no responsible unit and has none below it', zh: '没有写明责任单位，其下也没有' },
};
const unreadWhy = (kind: string | number | undefined) => UNREAD_WHY[String(kind)] ?? (UNREAD_WHY['no-unit'] as { en: string; zh: string });

/**
 * The messages of every rule in English and Chinese. Keyed by {@link RuleId}, so a rule without
 * its messages does not compile. Templates take the diagnostic's `params`; the wording of one rule
 * may vary with `params.kind`.
 */
export const RULE_TEXTS: { readonly [K in RuleId]: RuleText } = {
  'parse-error': {
    en: (p) => `The file could not be read: ${p.reason}.`,
    zh: (p) => `无法读取该文件（${ERROR_CODES_ZH[p.code as FenjieErrorCode] ?? p.code}）：${p.reason}。`,
    zhDescription: '文件完全无法作为任务分解表读取。',
  },
  'missing-header': {
    en: (p) =>
      p.kind === 'departments'
        ? `No column header names the responsible departments (expected a header such as 责任单位 or 牵头单位); found: ${p.found || 'no header'}.`
        : `No column header names the measures (expected a header such as 具体措施); found: ${p.found || 'no header'}.`,
    zh: (p) =>
      `没有列标题指明${p.kind === 'departments' ? '责任单位（应有“责任单位”或“牵头单位”等标题）' : '具体措施（应有“具体措施”等标题）'}；现有标题：${
        String(p.found ?? '').replace(/\(blank\)/g, '（空白）') || '无'
      }。`,
    zhDescription: '没有列标题指明具体措施（“具体措施”或同义标题），无法读出任何措施。',
  },
  'no-measures': {
    en: (p) => `No measure was read from the table${p.header ? ` (header: ${p.header})` : ''}; expected rows of measures below the header.`,
    zh: (p) => `未从表格中读出任何措施${p.header ? `（表头：${p.header}）` : ''}；表头下方应有措施行。`,
    zhDescription: '读取的表格中没有措施：只有表头没有数据行，或各行都无法读作措施。',
  },
  'text-outside-cells': {
    en: (p) =>
      p.kind === 'html'
        ? `Text stands inside the table but outside its cells, where a browser shows it above the table, and was not read: ${quote(p.text)}.`
        : p.kind === 'glued'
          ? `Cells written together with no separator could not be split with confidence from here on and were not read: ${quote(p.text)}.`
          : `Text stands inside the table but outside its cells and was not read: ${quote(p.text)}.`,
    zh: (p) =>
      p.kind === 'glued'
        ? `此处起单元格连写、没有分隔，无法可靠拆分，未读取：${zhQuote(p.text)}。`
        : `表格内有一段文字不在任何单元格中${p.kind === 'html' ? '（浏览器把它显示在表格上方）' : ''}，未读取：${zhQuote(p.text)}。`,
    zhDescription: '表格内有文字不在任何单元格中（浏览器把它显示在表格上方），未读取。',
  },
  'missing-title': {
    en: () => 'No title was found: expected a line such as "2016年…任务分解表" before the table or in a title row.',
    zh: () => '未找到标题：表格之前或标题行中应有“2016年…任务分解表”之类的一行。',
    zhDescription: '表格之前和表头之上的标题行中都没有找到标题。',
  },
  'ragged-row': {
    en: (p) => {
      if (p.kind === 'surplus') return `Row ${p.row} has ${p.cells} cells for ${p.width} columns; the surplus was joined into column ${p.column} (a pipe inside a cell?).`;
      if (p.kind === 'cut-off') return `Row ${p.row} has ${p.cells} of ${p.width} cells and the text ends inside it: it was cut off; check its last cells, which may take values from the row above.`;
      if (p.kind === 'unsplit') {
        const many = String(p.rows).includes(',') || p.more !== undefined;
        return `Rows written one a line with spaces between cells (${p.dialect}) could not be split into cells with confidence (a word fits no column, or no measure was found): row${many ? 's' : ''} ${p.rows}${p.more !== undefined ? ` and ${p.more} more` : ''}; check ${many ? 'them' : 'it'} against the original.`;
      }
      if (p.kind === 'grid') return `Line ${p.line} of the grid table (row ${p.row}) does not line up with the table's column borders; its text was read where it stands, check the row against the original.`;
      const missing = Number(p.width) - Number(p.cells);
      return `Row ${p.row} has ${p.cells} of ${p.width} cells; the missing ${missing === 1 ? 'cell was' : 'cells were'} read as blank.`;
    },
    zh: (p) => {
      if (p.kind === 'surplus') return `第 ${p.row} 行有 ${p.cells} 个单元格，但只有 ${p.width} 列；多出的内容并入第 ${p.column} 列（单元格中有竖线？）。`;
      if (p.kind === 'cut-off') return `第 ${p.row} 行只有 ${p.cells} 个单元格（共 ${p.width} 列），文本在该行中间结束：该行被截断；请核对其后面的单元格，它们可能沿用了上一行的内容。`;
      if (p.kind === 'unsplit') return `每行一行、单元格之间以空格分隔（${p.dialect}），以下各行无法可靠地拆成单元格（有词不属于任何一列，或找不到具体措施）：第 ${p.rows} 行${p.more !== undefined ? `及另外 ${p.more} 行` : ''}；请与原文核对。`;
      if (p.kind === 'grid') return `网格表第 ${p.line} 行（表格第 ${p.row} 行）与表格的列边框没有对齐；其文字按所在位置读取，请与原文核对该行。`;
      return `第 ${p.row} 行只有 ${p.cells} 个单元格（共 ${p.width} 列）；缺少的单元格按空白读取。`;
    },
    zhDescription: '某行的单元格比表头多（多出的内容并入措施列），TAB 开头的文本或 Word 表格中某行提前结束（以空白单元格补齐），以空格分隔单元格的行无法可靠地拆分，或网格表中某行与边框没有对齐。',
  },
  'guessed-layout': {
    en: (p) => {
      if (p.kind === 'sub-labels') {
        return `Header row ${p.row} (${p.labels}) starts in the first column, under the serial numbers' label: its labels lost the places of the columns they head (labels over two rows whose spans a copy dropped), so they name no column; check the header against the original.`;
      }
      if (p.kind === 'measures') {
        return `No header names the measures; the column headed ${quote(p.header)}, the first of text before the responsible units, was read as the measures; check it against the original.`;
      }
      if (p.kind === 'repeated-header') {
        return `The header's labels are written again at line ${p.lines} (a new part of the table, or a page break): read as the header again, not as a row.`;
      }
      if (p.kind === 'shifted') {
        return `The header's labels stand ${p.columns} column${p.columns === 1 ? '' : 's'} left of what the rows hold (the column labelled ${quote(p.header)} holds numbers, and the names of units are ${p.columns} to its right): a copy left out the first labels, so every label was read ${p.columns} column${p.columns === 1 ? '' : 's'} to the right; check the header against the original.`;
      }
      if (p.kind === 'levels') {
        return `The columns ${p.headers} were read as sections, tasks and measures by their numbering (一、, （一）, 1.), which their labels do not say; check them against the original.`;
      }
      if (p.kind === 'names') {
        return `The column headed ${quote(p.header)} holds numbers (${p.numbers}) and column ${p.column} the names of units: the rows do not line up with the header (a header over two rows, or cells a copy left out); the departments were read from column ${p.column}; check it against the original.`;
      }
      const many = /[,–]/.test(String(p.rows)) || p.more !== undefined;
      const how =
        p.kind === 'rebuilt'
          ? `The table has no row boundaries (${p.dialect}); rows were rebuilt from the header's width and what the cells hold`
          : p.kind === 'split'
            ? `Rows written one a line with spaces between cells (${p.dialect}) were split into cells by what they hold`
            : 'Rows with cells left out or shifted (merged cells a page dropped) had their cells placed by what they hold';
      return `${how}: row${many ? 's' : ''} ${p.rows}${p.more !== undefined ? ` and ${p.more} more` : ''}; check ${many ? 'them' : 'it'} against the original.`;
    },
    zh: (p) => {
      if (p.kind === 'sub-labels') {
        return `表头第 ${p.row} 行（${p.labels}）从第一列（序号列）开始：这些标签已失去所属列的位置（跨两行的表头在复制时丢了合并单元格），不用作列名；请与原文核对表头。`;
      }
      if (p.kind === 'measures') {
        return `没有表头标明具体措施；表头为${zhQuote(p.header)}的列（责任单位之前的第一个文字列）已按措施读取，请与原文核对。`;
      }
      if (p.kind === 'repeated-header') {
        return `表头各标签在第 ${p.lines} 行再次出现（表格的新部分或分页）：仍按表头读取，不作为一行。`;
      }
      if (p.kind === 'shifted') {
        return `表头各标签比各行内容靠左 ${p.columns} 列（表头为${zhQuote(p.header)}的列是数字，单位名称在其右侧第 ${p.columns} 列）：复制时丢了最前面的标签，已把每个标签右移 ${p.columns} 列读取；请与原文核对表头。`;
      }
      if (p.kind === 'levels') {
        return `${p.headers} 各列按编号（一、（一）、1.）而非表头读作大项、任务和措施；请与原文核对。`;
      }
      if (p.kind === 'names') {
        return `表头为${zhQuote(p.header)}的列是数字（${p.numbers}），而第 ${p.column} 列是单位名称：各行与表头没有对齐（表头占两行，或复制时丢了单元格）；责任部门已从第 ${p.column} 列读取，请与原文核对。`;
      }
      const how =
        p.kind === 'rebuilt'
          ? `表格没有行边界（${p.dialect}），已按表头宽度和单元格内容重建各行`
          : p.kind === 'split'
            ? `每行一行、单元格之间以空格分隔（${p.dialect}），已按内容把各行拆成单元格`
            : '有单元格缺失或错位的行（页面丢掉了合并单元格）已按内容放入各列';
      return `${how}：第 ${p.rows} 行${p.more !== undefined ? `及另外 ${p.more} 行` : ''}；请与原文核对。`;
    },
    zhDescription: '有些行的单元格是按内容而非位置放入各列的，或是从没有行边界的文本版式重建的。',
  },
  'span-overflow': {
    en: (p) => `A cell spans ${p.rows} rows but only ${p.remaining} remain in the table; the span was cut to fit.`,
    zh: (p) => `一个单元格跨 ${p.rows} 行，但表格只剩 ${p.remaining} 行；跨行已截短。`,
    zhDescription: '合并单元格跨过了表格末尾；已截短。',
  },
  'merged-text-lost': {
    en: (p) =>
      p.kind === 'merged-range'
        ? `A cell covered by a merged range holds its own text, which the spreadsheet hides: ${quote(p.text)}.`
        : `A cell merged into the one above holds its own text, which Word hides: ${quote(p.text)}.`,
    zh: (p) =>
      p.kind === 'merged-range'
        ? `一个被合并区域覆盖的单元格仍有自己的文字，电子表格不显示它：${zhQuote(p.text)}。`
        : `一个并入上方单元格的单元格仍有自己的文字，Word 不显示它：${zhQuote(p.text)}。`,
    zhDescription: '被合并单元格覆盖的单元格（.docx、.doc 的纵向合并，电子表格的合并区域）仍有文字，软件会将其隐藏。',
  },
  'missing-departments': {
    en: (p) =>
      p.kind === 'paragraph'
        ? `The measure in paragraph ${p.row} names no responsible unit, and no heading above it names one.`
        : p.text !== undefined
          ? `The measure in row ${p.row} names no responsible department: its cell says only ${quote(p.text)}.`
          : `The measure in row ${p.row} names no responsible department, and no merged cell above gives one.`,
    zh: (p) =>
      p.kind === 'paragraph'
        ? `第 ${p.row} 段的措施没有责任单位，上级标题也没有指明。`
        : p.text !== undefined
          ? `第 ${p.row} 行的措施没有责任单位：单元格只写了${zhQuote(p.text)}。`
          : `第 ${p.row} 行的措施没有责任单位，上方也没有合并单元格提供。`,
    zhDescription: '合并单元格展开后，某项措施仍没有责任单位。',
  },
  'inherit-across-task': {
    en: (p) =>
      `The first measure of the task in row ${p.row} has a blank department cell and takes the departments of the task above (${p.departments}); write them out if that is meant.`,
    zh: (p) => `第 ${p.row} 行任务的第一项措施责任单位为空，沿用了上一任务的责任单位（${p.departments}）；如确为此意，请写明。`,
    zhDescription: '任务的第一项措施经空白单元格沿用了上一任务的责任单位，含义不明。',
  },
  'empty-measure': {
    en: (p) => `The measure cell in row ${p.row} is blank${p.task ? ` (task ${quote(p.task)})` : ''}; expected the text of a measure.`,
    zh: (p) => `第 ${p.row} 行的措施单元格为空${p.task ? `（任务${zhQuote(p.task)}）` : ''}；应填写措施内容。`,
    zhDescription: '某行有责任单位或其他内容，但没有措施文字。',
  },
  'duplicate-measure': {
    en: (p) => `The measure in row ${p.row} repeats the one in row ${p.first}: ${quote(p.text)}.`,
    zh: (p) => `第 ${p.row} 行的措施与第 ${p.first} 行重复：${zhQuote(p.text)}。`,
    zhDescription: '同一措施文字在表中出现了不止一次。',
  },
  'section-numbering': {
    en: (p) => `Section ${quote(p.section)} is numbered ${p.number}; expected ${p.expected}.`,
    zh: (p) => `部分${zhQuote(p.section)}的序号为 ${p.number}，应为 ${p.expected}。`,
    zhDescription: '部分序号跳号、重号或倒序。',
  },
  'task-numbering': {
    en: (p) => `Task ${quote(p.task)} is numbered ${p.number}; expected ${p.expected}${p.restarts ? ' (tasks are numbered afresh in each section)' : ''}.`,
    zh: (p) => `任务${zhQuote(p.task)}的序号为 ${p.number}，应为 ${p.expected}${p.restarts ? '（各部分的任务分别编号）' : ''}。`,
    zhDescription: '任务序号跳号、重号或倒序（全表连续编号，或各部分分别编号）。',
  },
  'unknown-department': {
    en: (p) => `Department ${quote(p.department)} in row ${p.row} is not in the configured departments list; add it, or an alias for it.`,
    zh: (p) => `第 ${p.row} 行的单位${zhQuote(p.department)}不在配置的单位列表中；请添加该单位或它的别名。`,
    zhDescription: '某单位不在配置的单位列表中（仅当配置列出单位时检查）。',
  },
  'spanning-row': {
    en: (p) =>
      p.kind === 'title'
        ? `A row above the header was not taken as the title: ${quote(p.text)}.`
        : `A row spans the whole table without a numbering marker and was not read as a section: ${quote(p.text)}.`,
    zh: (p) =>
      p.kind === 'title' ? `表头上方的一行未作为标题：${zhQuote(p.text)}。` : `一行横跨整个表格但没有编号，未作为部分读取：${zhQuote(p.text)}。`,
    zhDescription: '横跨整表的一行没有编号，未作为部分读取。',
  },
  'other-table': {
    en: (p) => {
      const shape = `${p.rows} rows × ${p.columns} columns${p.header ? `, header: ${p.header}` : ''}`;
      return p.sheet === undefined
        ? `Table ${p.table} (${shape}) is not the task table and was not read; choose it with --table ${p.table} (options.table).`
        : `${p.kind === 'hidden-sheet' ? 'Hidden sheet' : 'Sheet'} ${quote(p.sheet)} (table ${p.table}, ${shape}) is not the task table and was not read; choose it with --sheet ${quote(p.sheet)} (options.table).`;
    },
    zh: (p) => {
      const shape = `${p.rows} 行 × ${p.columns} 列${p.header ? `，表头：${p.header}` : ''}`;
      return p.sheet === undefined
        ? `表格 ${p.table}（${shape}）不是任务表，未读取；可用 --table ${p.table}（options.table）选择它。`
        : `${p.kind === 'hidden-sheet' ? '隐藏工作表' : '工作表'}${zhQuote(p.sheet)}（表格 ${p.table}，${shape}）不是任务表，未读取；可用 --sheet "${p.sheet}"（options.table）选择它。`;
    },
    zhDescription: '文档中另有一个不是任务表的表格，未读取。',
  },
  'first-lead': {
    en: (p) =>
      `The document states that the first unit listed leads (${quote(p.text)}): in ${p.count} measure${p.count === 1 ? '' : 's'} that mark no lead, the first department is read as lead and the others as support.`,
    zh: (p) => `文件写明列第一位的单位为牵头单位（${zhQuote(p.text)}）：${p.count} 项未标明牵头单位的措施，第一个部门读作牵头单位，其余读作配合单位。`,
    zhDescription: '文件写明列第一位的单位为牵头单位，未标明牵头的措施据此区分牵头与配合单位。',
  },
  'unread-text': {
    en: (p) =>
      p.kind === 'heading'
        ? `The heading in paragraph ${p.paragraph} names ${quote(p.text)}, but every measure below it names its own; it was not applied.`
        : `Paragraph ${p.paragraph} ${unreadWhy(p.kind).en}, so it was not read as a measure: ${quote(p.text)}.`,
    zh: (p) =>
      p.kind === 'heading'
        ? `第 ${p.paragraph} 段标题指明了${zhQuote(p.text)}，但其下每项措施都写明了自己的单位，故未采用。`
        : `第 ${p.paragraph} 段${unreadWhy(p.kind).zh}，未作为措施读取：${zhQuote(p.text)}。`,
    zhDescription: '以编号段落写成的方案中不属于任何措施的文字（前言、原则、保障措施、结束语），在此列出以免遗漏。',
  },
};

/** The reason a file was refused, named in Chinese, for messages that quote fenjie's English detail. */
export function errorCodeZh(code: FenjieErrorCode): string {
  return ERROR_CODES_ZH[code];
}

/** A rule's message in a language, from its parameters; ids without messages give `fallback`. */
export function ruleMessage(ruleId: string, params: DiagnosticParams, locale: Locale, fallback = ''): string {
  return isRuleId(ruleId) ? RULE_TEXTS[ruleId][locale](params) : fallback;
}

/** A rule's one-sentence description in a language. */
export function ruleDescription(ruleId: RuleId, english: string, locale: Locale): string {
  return locale === 'zh' ? RULE_TEXTS[ruleId].zhDescription : english;
}

/** A diagnostic of a rule, its message written from its parameters (in English until localized). */
export function diagnostic(ruleId: RuleId, severity: Diagnostic['severity'], params: DiagnosticParams, place: Place | null, locale: Locale = 'en'): Diagnostic {
  // The texts a diagnostic quotes are copies, as the model's are: a slice of a cell would keep the input it was cut from alive.
  const owned: DiagnosticParams = {};
  for (const [key, value] of Object.entries(params)) owned[key] = typeof value === 'string' ? ownCopy(value) : value;
  return { severity, ruleId, message: ruleMessage(ruleId, owned, locale), params: owned, place };
}

/** The diagnostics with their messages in `locale`; diagnostics of ids fenjie has no messages for keep theirs. */
export function localizeDiagnostics(diagnostics: readonly Diagnostic[], locale: Locale): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, message: ruleMessage(d.ruleId, d.params, locale, d.message) }));
}
