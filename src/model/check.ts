import { FenjieError } from '../errors.js';
import { TaskTable } from './schema.js';

/**
 * Throws 'invalid-model' when the model breaks its own schema: a fenjie bug, caught in fenjie's tests
 * (parse's `checkModel` option). A module of its own, loaded only for this check, so that zod loads
 * only then and a bundler keeps no more of zod than the check needs.
 */
export function checkModel(table: TaskTable, name: string): void {
  const checked = TaskTable.safeParse(table);
  if (!checked.success) {
    throw new FenjieError('invalid-model', `${name}: fenjie built a model that breaks its own schema (${checked.error.issues[0]?.message}); please report this`);
  }
}
