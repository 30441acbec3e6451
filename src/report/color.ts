/** The styles the reports use; each is a `util.styleText` format name. */
export type Style = 'red' | 'yellow' | 'blue' | 'green' | 'dim';

/** Styles text for a terminal; the CLI passes one built on `util.styleText`. */
export type Painter = (style: Style, text: string) => string;

// SGR codes for `color: true` where no painter is given (a program, a browser): the core imports no
// Node built-ins, so it cannot call util.styleText itself.
const CODES: Record<Style, readonly [number, number]> = { red: [31, 39], yellow: [33, 39], blue: [34, 39], green: [32, 39], dim: [2, 22] };
const SGR: Painter = (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
const PLAIN: Painter = (_style, text) => text;

/** The painter for a report's `color` setting: none when false, SGR codes when true, or the one given. */
export function painterOf(color: boolean | Painter): Painter {
  if (typeof color === 'function') return color;
  return color ? SGR : PLAIN;
}
