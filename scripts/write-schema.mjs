// Writes schema.json (the JSON Schema of the model, shipped as fenjie/schema.json) from the built
// package, so that the file is always generated from the zod schemas, never written by hand.
import { writeFileSync } from 'node:fs';
import { taskTableJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../schema.json', import.meta.url), `${JSON.stringify(taskTableJsonSchema(), null, 2)}\n`);
