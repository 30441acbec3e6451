import type { CliIo } from '../../src/cli/main.js';

/** Fake CLI streams that collect what is written. */
export function fakeIo(cwd?: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    ...(cwd ? { cwd } : {}),
    out: () => out,
    err: () => err,
  };
}
