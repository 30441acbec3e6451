import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'tsup';
import { afterAll, beforeAll } from 'vitest';
import type { ParseOptions } from '../../src/index.js';

/*
 * parse() runs mostly synchronously, so a Promise.race against a timer cannot stop an input that
 * makes it loop: the timer never gets to fire. These tests therefore run parse() in a worker thread
 * that is terminated when a case overruns, and report that case as a timeout instead of hanging.
 * The worker cannot load TypeScript, so src/index.ts is bundled (tsup, dependencies included) into a
 * temporary folder first; that takes about a second.
 */

/** What one parse in the worker came to. */
export type Outcome =
  | { kind: 'model'; model: unknown; ms: number }
  | { kind: 'error'; fenjie: boolean; name: string; code: string | null; message: string; stack: string; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crash'; message: string; ms: number };

const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const { parse, FenjieError } = await import(workerData.bundle);
parentPort.on('message', async ({ id, input, options }) => {
  const start = performance.now();
  try {
    const model = await parse(input, options);
    parentPort.postMessage({ id, kind: 'model', model, ms: performance.now() - start });
  } catch (error) {
    parentPort.postMessage({
      id,
      kind: 'error',
      fenjie: error instanceof FenjieError,
      name: String(error?.name ?? typeof error),
      code: typeof error?.code === 'string' ? error.code : null,
      message: String(error?.message ?? error),
      stack: String(error?.stack ?? ''),
      ms: performance.now() - start,
    });
  }
});
`;

/** A bundle of fenjie and a worker script beside it, in a temporary folder. */
export interface Bundle {
  dir: string;
  worker: string;
  index: string;
  remove(): void;
}

/** Bundles src/index.ts with its dependencies into a temporary folder, with the worker script. */
export async function bundleFenjie(): Promise<Bundle> {
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-reliability-'));
  await build({
    entry: { index: join(import.meta.dirname, '..', '..', 'src', 'index.ts') },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    splitting: true,
    sourcemap: false,
    dts: false,
    clean: false,
    config: false,
    silent: true,
  });
  const worker = join(dir, 'worker.mjs');
  writeFileSync(worker, WORKER_SOURCE);
  return { dir, worker, index: pathToFileURL(join(dir, 'index.js')).href, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * One worker thread that parses inputs one at a time; a case that overruns its time or kills the
 * thread is reported, and the next case gets a fresh thread. The thread's stack is kept to 1 MiB,
 * about the main thread's, so that deep recursion overflows here as it would for a caller.
 */
export class ParseWorker {
  private worker: Worker | null = null;
  private next = 0;

  constructor(
    private readonly bundle: Bundle,
    /** The worker's heap limit; an input that needs more crashes the worker, and is reported so. */
    private readonly heapMb = 2048,
  ) {}

  run(input: string | Uint8Array, options: ParseOptions, timeoutMs: number): Promise<Outcome> {
    const worker = (this.worker ??= new Worker(this.bundle.worker, {
      workerData: { bundle: this.bundle.index },
      resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: this.heapMb },
    }));
    const id = (this.next += 1);
    const start = performance.now();
    return new Promise<Outcome>((resolve) => {
      const settle = (outcome: Outcome, kill: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          this.worker = null;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (message: Outcome & { id: number }) => {
        if (message.id !== id) return;
        const { id: _, ...outcome } = message;
        settle(outcome as Outcome, false);
      };
      const onError = (error: Error) => settle({ kind: 'crash', message: error.message, ms: performance.now() - start }, true);
      const onExit = (code: number) => settle({ kind: 'crash', message: `the worker exited with code ${code}`, ms: performance.now() - start }, true);
      const timer = setTimeout(() => settle({ kind: 'timeout', ms: performance.now() - start }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, input, options });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** A one-line description of an outcome, for failure messages. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'model':
      return `a model (${Math.round(outcome.ms)} ms)`;
    case 'error':
      return `${outcome.fenjie ? `FenjieError '${outcome.code}'` : `${outcome.name} (not a FenjieError)`}: ${outcome.message} (${Math.round(outcome.ms)} ms)${outcome.fenjie ? '' : `\n${outcome.stack}`}`;
    case 'timeout':
      return `no answer within ${Math.round(outcome.ms)} ms`;
    case 'crash':
      return `the worker died: ${outcome.message}`;
  }
}

/**
 * Bundles fenjie once for a test file and gives it a ParseWorker: registers the vitest hooks that
 * make and remove them, and returns a function that runs a case in the worker.
 */
export function useParseWorker(heapMb?: number): (input: string | Uint8Array, options: ParseOptions, timeoutMs: number) => Promise<Outcome> {
  let bundle: Bundle | undefined;
  let worker: ParseWorker | undefined;
  beforeAll(async () => {
    bundle = await bundleFenjie();
    worker = new ParseWorker(bundle, heapMb);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    bundle?.remove();
  });
  return (input, options, timeoutMs) => (worker as ParseWorker).run(input, options, timeoutMs);
}
