import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type TaskTable } from '../../src/index.js';
import { FIXTURES } from '../helpers/fixtures.js';

/** The bundled seed's path, as the CLI tests name it. */
export const SEED_PATH = join(import.meta.dirname, '..', '..', 'seeds', '2016-shanghai-psb-zwgk-task-table.txt');

/** The seed parsed, named as the fixture script names it. */
export function seedTable(): Promise<TaskTable> {
  return parse(readFileSync(SEED_PATH), { fileName: 'seeds/2016-shanghai-psb-zwgk-task-table.txt' });
}

/** A fixture case's input parsed: the family tables have lead/support columns, deadlines, serials. */
export function fixtureTable(name: string): Promise<TaskTable> {
  return parse(readFileSync(join(FIXTURES, name, 'input.txt')), { fileName: `${name}.txt` });
}

/** A small RFC 4180 reader for the tests (quoted fields, "" escapes, CRLF or LF), written apart from the writer. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field), records.push(record), (record = []), (field = '');
    } else field += c;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  return records;
}
