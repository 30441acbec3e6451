// Builds dist/ with tsup when it is missing or older than any file under src/ (used by `npm start`).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

let built = 0;
try {
  built = statSync('dist/bin.js').mtimeMs;
} catch {
  built = 0;
}
if (built < Math.max(newest('src'), statSync('package.json').mtimeMs)) {
  console.error(built === 0 ? 'fenjie: dist/ is missing; building it first.' : 'fenjie: src/ changed since the last build; building dist/ again.');
  // The build's progress goes to stderr (fd 2), so that stdout stays the JSON `npm start` prints.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 2, 'inherit'] });
}
