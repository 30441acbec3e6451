import { FenjieError } from './errors.js';

/** Bounds on what one parse may cost; each has an option of the same name that raises it. */
export interface Limits {
  /** Largest input, in bytes (for a string: UTF-16 code units). */
  maxInputBytes: number;
  /** Most cells in a document, and most grid slots in the table read (spans included). */
  maxCells: number;
  /** Most bytes a .docx may inflate to. */
  maxInflatedBytes: number;
  /** Largest ratio of inflated to compressed size of a .docx entry. */
  maxCompressionRatio: number;
  /** Deepest nesting of tables inside tables (HTML and .docx). */
  maxNestingDepth: number;
}

/** The limits in force unless options raise or lower them. */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxInputBytes: 50 * 1024 * 1024,
  maxCells: 1_000_000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxNestingDepth: 100,
};

/** The 'limit-exceeded' error: what was found, the limit, and the option that raises it. */
export function limitExceeded(name: string, found: string, option: keyof Limits, limit: string): FenjieError {
  return new FenjieError('limit-exceeded', `${name}: ${found}, more than the limit of ${limit} (option ${option})`);
}

/** Shows a size in bytes, KiB or MiB, rounded up so that a size just over a limit never reads as equal to it. */
export function formatSize(bytes: number): string {
  const MIB = 1024 * 1024;
  if (bytes >= MIB) return `${Math.ceil((bytes / MIB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.ceil((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/**
 * Counts cells as a reader creates them and stops at `maxCells`, so that a document of millions of
 * empty cells is refused before it has filled memory, not after. One budget serves one parse.
 */
export class CellBudget {
  private used = 0;

  constructor(
    /** The most cells allowed. */
    readonly limit: number = DEFAULT_LIMITS.maxCells,
    private readonly name = 'input',
  ) {}

  /** Counts `count` more cells; throws 'limit-exceeded' when they pass the limit. */
  take(count = 1): void {
    this.used += count;
    if (this.used > this.limit) throw limitExceeded(this.name, `the document has at least ${this.used} cells`, 'maxCells', String(this.limit));
  }

  /** A fresh budget with the same limit, for counting something apart (one line being looked at). */
  probe(): CellBudget {
    return new CellBudget(this.limit, this.name);
  }

  /** Cells counted so far. */
  get count(): number {
    return this.used;
  }
}
