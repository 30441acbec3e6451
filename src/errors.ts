/** Every reason fenjie can refuse an input or a call, as a stable code. */
export const FENJIE_ERROR_CODES = [
  'no-table',
  'undecodable',
  'unsupported-format',
  'corrupt-docx',
  'corrupt-file',
  'limit-exceeded',
  'file-not-found',
  'unreadable-file',
  'invalid-options',
  'invalid-model',
  'internal-error',
] as const;

/** One of {@link FENJIE_ERROR_CODES}. */
export type FenjieErrorCode = (typeof FENJIE_ERROR_CODES)[number];

/** The one error fenjie throws: input that cannot be read at all, or API misuse. */
export class FenjieError extends Error {
  override readonly name = 'FenjieError';
  /** Why the input was refused. */
  readonly code: FenjieErrorCode;

  constructor(code: FenjieErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when a value is a {@link FenjieError}. */
export function isFenjieError(value: unknown): value is FenjieError {
  return value instanceof FenjieError;
}
