import type { Diagnostic } from '../model/schema.js';
import { locate } from './locate.js';
import { sortDiagnostics } from './shared.js';
import type { Reporter } from './types.js';

// Everything outside XML 1.0's Char production: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR into LF; a reference keeps it.
  '\r': '&#13;',
};
// In an attribute a parser also turns raw LF and TAB into spaces.
const ATTRIBUTE_ENTITIES: Record<string, string> = { ...TEXT_ENTITIES, '\n': '&#10;', '\t': '&#9;' };

/** Escapes text content for XML 1.0, dropping the characters XML 1.0 cannot hold at all. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"'\r]/g, (char) => TEXT_ENTITIES[char] ?? char);
}

/** Escapes an attribute value for XML 1.0 so that it reads back unchanged, line breaks included. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"'\r\n\t]/g, (char) => ATTRIBUTE_ENTITIES[char] ?? char);
}

function attributes(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

interface TestCase {
  xml: string;
  failed: boolean;
}

function testCase(file: string, ruleId: string, diagnostics: readonly Diagnostic[]): TestCase {
  const open = `<testcase${attributes({ classname: file, name: ruleId })}`;
  if (diagnostics.length === 0) return { xml: `    ${open}/>`, failed: false };
  const body: string[] = [];
  const output: string[] = [];
  for (const diagnostic of diagnostics) {
    const where = locate(file, diagnostic.place);
    if (diagnostic.severity === 'error') {
      const failure = `<failure${attributes({ message: diagnostic.message, type: ruleId })}>`;
      body.push(`      ${failure}${escapeXmlText(`${where}: ${diagnostic.message}`)}</failure>`);
    } else {
      output.push(`${where}: ${diagnostic.severity}: ${diagnostic.message}`);
    }
  }
  if (output.length > 0) body.push(`      <system-out>${escapeXmlText(output.join('\n'))}</system-out>`);
  const failed = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { xml: [`    ${open}>`, ...body, '    </testcase>'].join('\n'), failed };
}

/**
 * The report for CI test views: one test suite per file and one test case per rule, which fails
 * with one `<failure>` per error; warnings and infos go to the case's `<system-out>`.
 */
export const formatJunit: Reporter = ({ results, rules }) => {
  let tests = 0;
  let failures = 0;
  const suites = results.map((result) => {
    const byRule = new Map<string, Diagnostic[]>(rules.map((rule) => [rule.id, []]));
    // A diagnostic from a rule missing from the list still gets a case, so no error goes unreported.
    for (const diagnostic of sortDiagnostics(result.diagnostics)) {
      const list = byRule.get(diagnostic.ruleId);
      if (list) list.push(diagnostic);
      else byRule.set(diagnostic.ruleId, [diagnostic]);
    }
    const cases = [...byRule].map(([ruleId, diagnostics]) => testCase(result.file, ruleId, diagnostics));
    const suiteFailures = cases.filter((entry) => entry.failed).length;
    tests += cases.length;
    failures += suiteFailures;
    const open = `  <testsuite${attributes({ name: result.file, tests: cases.length, failures: suiteFailures })}`;
    return cases.length === 0 ? `${open}/>` : [`${open}>`, ...cases.map((entry) => entry.xml), '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'fenjie', tests, failures })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
