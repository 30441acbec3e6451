/**
 * Whether this is the stress run: vitest.stress.config.ts sets FENJIE_STRESS=1 and runs the files
 * of `SCALED` (vitest.config.ts) again, at full size. `npm test` runs them small.
 */
export const STRESS = process.env['FENJIE_STRESS'] === '1';

/**
 * A size for an input that must only be long (a cell of a million characters, a row of 200,000
 * cells): `full` in `npm run test:stress`, `full / 20` in `npm test`, where the same input shape
 * still goes through the same code but takes milliseconds, not seconds.
 */
export function sized(full: number): number {
  return STRESS ? full : Math.ceil(full / 20);
}

/** A count for a test's name: "1,000,000". */
export function count(n: number): string {
  return n.toLocaleString('en');
}
