import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No spread of an array into the arguments of a call (`push(...x)`, `Math.max(...x)`): a call takes
 * at most some 120,000 arguments, and an array from the input (rows, lines, diagnostics) can be
 * longer, which throws RangeError (#14). Array and object literals (`[...a, ...b]`, `{ ...o }`)
 * copy by iteration and are fine. This check reads every source file with the TypeScript parser.
 */
const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every call or `new` in a file with a spread argument, as "file:line: text". */
function spreadCalls(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(SRC, file)}:${line + 1}: ${node.getText().slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no arguments spread from arrays in src/', () => {
  it('finds no call with a spread argument', () => {
    expect(sourceFiles(SRC).flatMap(spreadCalls)).toEqual([]);
  });

  it('would find one (the check itself)', () => {
    const file = join(import.meta.dirname, 'no-spread.test.ts');
    expect(spreadCalls(file).some((hit) => hit.includes('Math.max'))).toBe(true);
    // The line the check must catch:
    void Math.max(...[1, 2, 3]);
  });
});
