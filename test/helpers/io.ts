import type { CliIo } from '../../src/cli/main.js';

/**
 * Fake CLI streams that collect what is written; bytes are kept as written and read as UTF-8 by
 * `out()`. `env` and `stdin` as given (none by default).
 */
export function fakeIo(
  cwd?: string,
  extra: { env?: Record<string, string>; stdin?: Array<Uint8Array | string> } = {},
): CliIo & { out: () => string; err: () => string; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [];
  let err = '';
  const encoder = new TextEncoder();
  const bytes = () => Buffer.concat(chunks);
  return {
    stdout: { write: (chunk: string | Uint8Array) => chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk) },
    stderr: { write: (chunk: string | Uint8Array) => (err += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)) },
    ...(cwd ? { cwd } : {}),
    ...(extra.env ? { env: extra.env } : {}),
    ...(extra.stdin ? { stdin: stdinOf(extra.stdin) } : {}),
    out: () => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes()),
    err: () => err,
    bytes,
  };
}

async function* stdinOf(parts: Array<Uint8Array | string>): AsyncIterable<Uint8Array | string> {
  for (const part of parts) yield part;
}
