import type { Locale } from '../i18n/locale.js';
import { SOURCE_FORMATS } from '../model/names.js';

const FORMATS = ['auto', ...SOURCE_FORMATS].join(', ');

/** Every sentence the command line says, in English; {@link ZH} says the same in Chinese. */
const EN = {
  help: (version: string) => `fenjie ${version}: read Chinese task decomposition tables (任务分解表) into JSON

Usage:
  fenjie convert <file|dir|glob|-...> [--to json|jsonl|csv|xlsx|md|html] [-o <file|dir>] [options]
  fenjie validate <file|dir|glob|-...> [--reporter <name>] [--max-warnings <n>] [--quiet] [options]
  fenjie schema
  fenjie help [command] | fenjie <command> --help
  fenjie --version

Commands:
  convert   Parse each file and print its JSON model (one file), rows, a spreadsheet or a report
  validate  Check tables against the rules; exit codes and reports for CI
  schema    Print the JSON Schema (draft 2020-12) of the model

Every command takes --lang zh|en (default: from LC_ALL, LC_MESSAGES or LANG).
Run 'fenjie help <command>' for the options of a command.
`,
  convertHelp: `Usage: fenjie convert <file|dir|glob|-...> [--to <format>] [-o <file|dir>] [--compact] [options]

Parse each file and emit its JSON model, or flat rows, a spreadsheet or a report.
  One input and no -o: the output goes to stdout. '-' reads standard input.
  -o <file> with a format's ending (.json .jsonl .csv .xlsx .md .html): that file; several
  inputs go into one combined .jsonl, .csv or .xlsx with a 文件 (file) column.
  Several inputs, or -o <dir>: one <name>.<format> per file in <dir> (default: the current
  folder), keeping the folder tree of each input folder or glob.
  A directory stands for every table-like file under it (.docx .doc .wps .xlsx .xls .et .csv
  .tsv .txt .md .html .htm .pdf .odt .ods .rtf .ofd); those fenjie cannot read fail as such.

Options:
  --to <format>        json (the model, default), jsonl (one row per measure), csv, xlsx,
                       md or html (a report); default: told by -o's ending, else json
  -o, --out <file|dir> Write to <file>, or <name>.<format> files into <dir> (created if missing);
                       a CSV file gets its department index beside it as <name>.departments.csv
  --csv-encoding <e>   utf-8-bom (default: Excel reads it), utf-8 or gb18030
  --compact            One-line JSON instead of pretty-printed
  --format <format>    ${FORMATS} (default: auto)
  --table <n|name>     Read the n-th table of the document, or a workbook's sheet by
                       name (default: the one whose header names the most task-table
                       columns; hidden sheets skipped)
  --sheet <name>       Read the workbook's sheet of this name
  --encoding <name>    Encoding of text input: utf-8, gb18030, gbk, big5, utf-16le …
                       (default: told from a BOM, a declared charset, or the bytes)
  --config <path>      Use this config file (default: the nearest fenjie.config.json
                       above each file; its aliases and columns apply)
  --no-config-lookup   Read no fenjie.config.json found beside the files; only --config
  --lang <zh|en>       Language of messages (default: from LC_ALL, LC_MESSAGES or LANG)
  --debug              Print stack traces of unexpected errors
  -h, --help           Show this help

Exit codes: 0 all files converted, 1 a file could not be read or parsed, 2 usage or config error.
`,
  validateHelp: `Usage: fenjie validate <file|dir|glob|-...> [--reporter <name>] [options]

Check task tables and report what is wrong, with places, for people or for CI.
A directory stands for every table-like file under it (.docx .doc .wps .xlsx .xls .et .csv
.tsv .txt .md .html .htm .pdf .odt .ods .rtf .ofd); those fenjie cannot read are a parse-error.
Quote globs so that fenjie expands them ('tables/**/*.docx'); '-' reads standard input.

Options:
  --reporter <name>    text (default), json, github, sarif or junit
  --config <path>      Use this config file (default: the nearest fenjie.config.json
                       above each file)
  --no-config-lookup   Read no fenjie.config.json found beside the files; only --config
                       (use it in CI, where submitters could add a config that turns rules off)
  --max-warnings <n>   Fail when there are more than n warnings in all
  --quiet              Report errors only (warnings still count for --max-warnings)
  --format, --table, --sheet, --encoding   As for convert
  --lang <zh|en>       Language of messages and reports (default: from LC_ALL, LC_MESSAGES or LANG)
  --debug              Print stack traces of unexpected errors
  -h, --help           Show this help

Exit codes: 0 no file has an error (and warnings are within --max-warnings),
1 some file has an error or there are too many warnings, 2 usage or config error.
`,
  schemaHelp: `Usage: fenjie schema

Print the JSON Schema (draft 2020-12) of the fenjie model, generated from its zod schemas.
The package ships the same file as fenjie/schema.json.
`,
  seeHelp: "Run 'fenjie --help' for usage.",
  unknownCommand: (name: string, suggestion: string | null) => `unknown command '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
  unknownOption: (name: string, suggestion: string | null) => `unknown option ${name}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
  missingValue: (name: string) => `option ${name} needs a value`,
  noValue: (name: string) => `option ${name} takes no value`,
  badFormat: (value: string) => `--format must be one of ${FORMATS}, not '${value}'`,
  badTable: (value: string) => `--table must be a table number from 1, not '${value}' (or a sheet name, as --sheet takes)`,
  badLang: (value: string) => `--lang must be zh or en, not '${value}'`,
  badReporter: (value: string) => `--reporter must be text, json, github, sarif or junit, not '${value}'`,
  badMaxWarnings: (value: string) => `--max-warnings must be a whole number, not '${value}'`,
  convertNeedsInput: 'convert needs at least one file',
  validateNeedsInput: 'validate needs at least one file, directory or glob',
  noMatch: (inputs: string) => `no files matched ${inputs}`,
  schemaNoArgs: (arg: string) => `schema takes no arguments, not '${arg}'`,
  helpUnknown: (name: string) => `no help for '${name}': the commands are convert, validate and schema`,
  stdinTwice: "'-' (standard input) can be given only once",
  sameTarget: (earlier: string, target: string) => `${earlier} already wrote ${target}; convert them into different folders`,
  tooManyWarnings: (count: number, max: number) => `too many warnings: ${count}, maximum ${max}`,
  outDirBlocked: (dir: string, ext: string) => `-o ${dir}: a file is in the way; -o names the folder the ${ext} files go into`,
  outDirFailed: (dir: string, reason: string) => `-o ${dir}: cannot create the folder (${reason})`,
  cannotWrite: (path: string, reason: string) => `cannot write ${path}: ${reason}`,
  stdinName: '<stdin>',
  config: (shown: string, problem: string) => `config ${shown}: ${problem}`,
  configUnreadable: 'cannot be read',
  configNotJson: (reason: string) => `not valid JSON (${reason})`,
};

/** The command line's sentences. */
export type CliMessages = typeof EN;

const ZH: CliMessages = {
  help: (version) => `fenjie ${version}：把中文任务分解表（责任分工表、重点任务台账）读成 JSON

用法：
  fenjie convert <文件|目录|通配符|-...> [--to json|jsonl|csv|xlsx|md|html] [-o <文件|目录>] [选项]
  fenjie validate <文件|目录|通配符|-...> [--reporter <格式>] [--max-warnings <n>] [--quiet] [选项]
  fenjie schema
  fenjie help [命令] | fenjie <命令> --help
  fenjie --version

命令：
  convert   解析每个文件并输出 JSON 模型、平铺的行、电子表格或报告
  validate  按规则检查表格；为 CI 提供退出码和报告
  schema    输出模型的 JSON Schema（draft 2020-12）

所有命令都接受 --lang zh|en（默认取自 LC_ALL、LC_MESSAGES 或 LANG）。
运行 'fenjie help <命令>' 查看该命令的选项。
`,
  convertHelp: `用法：fenjie convert <文件|目录|通配符|-...> [--to <格式>] [-o <文件|目录>] [--compact] [选项]

解析每个文件并输出其 JSON 模型，或平铺的行、电子表格、报告。
  一个输入且未给 -o：输出到标准输出。'-' 表示读取标准输入。
  -o <文件> 带格式扩展名（.json .jsonl .csv .xlsx .md .html）：写入该文件；多个输入
  合并到一个带“文件”列的 .jsonl、.csv 或 .xlsx 中。
  多个输入，或 -o <目录>：每个文件在 <目录>（默认当前目录）中写一个 <名称>.<格式>，
  并保留输入目录或通配符下的目录结构。
  目录代表其下所有像表格的文件（.docx .doc .wps .xlsx .xls .et .csv .tsv .txt .md
  .html .htm .pdf .odt .ods .rtf .ofd）；fenjie 无法读取的文件会报告为失败。

选项：
  --to <格式>          json（模型，默认）、jsonl（每项措施一行）、csv、xlsx、md 或 html（报告）；
                       默认按 -o 的扩展名，否则为 json
  -o, --out <文件|目录> 写入 <文件>，或在 <目录> 中写 <名称>.<格式>（不存在则创建）；
                       CSV 文件旁另写单位索引 <名称>.departments.csv
  --csv-encoding <编码> utf-8-bom（默认，Excel 可直接打开）、utf-8 或 gb18030
  --compact            输出单行 JSON，而非缩进格式
  --format <格式>      ${FORMATS}（默认 auto）
  --table <n|名称>     读取文档中的第 n 个表格，或工作簿中该名称的工作表
                       （默认：表头最像任务表的那个，跳过隐藏工作表）
  --sheet <名称>       读取工作簿中该名称的工作表
  --encoding <编码>    文本输入的编码：utf-8、gb18030、gbk、big5、utf-16le……
                       （默认根据 BOM、声明的字符集或字节判断）
  --config <路径>      使用此配置文件（默认：每个文件上级目录中最近的 fenjie.config.json，
                       其中的 aliases 和 columns 生效）
  --no-config-lookup   不读取文件旁的 fenjie.config.json，只用 --config
  --lang <zh|en>       消息语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  --debug              对意外错误输出堆栈
  -h, --help           显示本帮助

退出码：0 全部转换成功，1 有文件无法读取或解析，2 用法或配置错误。
`,
  validateHelp: `用法：fenjie validate <文件|目录|通配符|-...> [--reporter <格式>] [选项]

检查任务分解表，指出问题及其位置，供人阅读或供 CI 使用。
目录代表其下所有像表格的文件（.docx .doc .wps .xlsx .xls .et .csv .tsv .txt .md
.html .htm .pdf .odt .ods .rtf .ofd）；fenjie 无法读取的文件报告为 parse-error。
通配符请加引号，由 fenjie 展开（'tables/**/*.docx'）；'-' 表示读取标准输入。

选项：
  --reporter <格式>    text（默认）、json、github、sarif 或 junit
  --config <路径>      使用此配置文件（默认：每个文件上级目录中最近的 fenjie.config.json）
  --no-config-lookup   不读取文件旁的 fenjie.config.json，只用 --config
                       （用于 CI：提交者可能放入一个关闭规则的配置）
  --max-warnings <n>   警告总数超过 n 时判为失败
  --quiet              只列出错误（警告仍计入 --max-warnings）
  --format、--table、--sheet、--encoding   同 convert
  --lang <zh|en>       消息和报告的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  --debug              对意外错误输出堆栈
  -h, --help           显示本帮助

退出码：0 没有文件有错误（且警告数不超过 --max-warnings），
1 有文件有错误或警告过多，2 用法或配置错误。
`,
  schemaHelp: `用法：fenjie schema

输出 fenjie 模型的 JSON Schema（draft 2020-12），由其 zod 模式生成。
npm 包中附带同样的文件 fenjie/schema.json。
`,
  seeHelp: "运行 'fenjie --help' 查看用法。",
  unknownCommand: (name, suggestion) => `未知命令 '${name}'${suggestion ? `；是不是要用 '${suggestion}'？` : ''}`,
  unknownOption: (name, suggestion) => `未知选项 ${name}${suggestion ? `；是不是要用 ${suggestion}？` : ''}`,
  missingValue: (name) => `选项 ${name} 需要一个值`,
  noValue: (name) => `选项 ${name} 不接受值`,
  badFormat: (value) => `--format 应为 ${FORMATS} 之一，而不是 '${value}'`,
  badTable: (value) => `--table 应为从 1 开始的表格序号（或 --sheet 所接受的工作表名称），而不是 '${value}'`,
  badLang: (value) => `--lang 应为 zh 或 en，而不是 '${value}'`,
  badReporter: (value) => `--reporter 应为 text、json、github、sarif 或 junit，而不是 '${value}'`,
  badMaxWarnings: (value) => `--max-warnings 应为整数，而不是 '${value}'`,
  convertNeedsInput: 'convert 至少需要一个文件',
  validateNeedsInput: 'validate 至少需要一个文件、目录或通配符',
  noMatch: (inputs) => `没有文件匹配 ${inputs}`,
  schemaNoArgs: (arg) => `schema 不接受参数，而收到 '${arg}'`,
  helpUnknown: (name) => `没有 '${name}' 的帮助：命令有 convert、validate 和 schema`,
  stdinTwice: "'-'（标准输入）只能给一次",
  sameTarget: (earlier, target) => `${earlier} 已写入 ${target}；请把它们转换到不同的目录`,
  tooManyWarnings: (count, max) => `警告过多：${count} 个，上限 ${max} 个`,
  outDirBlocked: (dir, ext) => `-o ${dir}：该位置已有同名文件；-o 指定的是存放 ${ext} 文件的目录`,
  outDirFailed: (dir, reason) => `-o ${dir}：无法创建目录（${reason}）`,
  cannotWrite: (path, reason) => `无法写入 ${path}：${reason}`,
  stdinName: '<stdin>',
  config: (shown, problem) => `配置 ${shown}：${problem}`,
  configUnreadable: '无法读取',
  configNotJson: (reason) => `不是有效的 JSON（${reason}）`,
};

/** The command line's sentences in a language. */
export function cliMessages(locale: Locale): CliMessages {
  return locale === 'zh' ? ZH : EN;
}
