import { styleText } from 'node:util';
import type { Painter } from '../report/color.js';
import type { OutStream } from './shared.js';

/**
 * Whether to colour a stream, as the conventions say: FORCE_COLOR turns colour on (FORCE_COLOR=0
 * off), NO_COLOR (any non-empty value) turns it off, and otherwise a terminal gets colour.
 */
export function wantsColor(stream: OutStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  // FORCE_COLOR=0 (or false) forces colour off, as Node and chalk read it.
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A painter on `util.styleText`, or false for none; the decision is {@link wantsColor}'s, not styleText's. */
export function painterFor(stream: OutStream, env: Readonly<Record<string, string | undefined>>): Painter | false {
  if (!wantsColor(stream, env)) return false;
  // validateStream: false, since the decision above already weighed the stream and the environment.
  return (style, text) => styleText(style, text, { validateStream: false });
}
