import type { Diagnostic } from '../model/schema.js';
import { judge } from './shared.js';
import type { Reporter } from './types.js';

/** A diagnostic with exactly the keys MODEL.md names, in its order, whatever else the object carries. */
function toModel(diagnostic: Diagnostic): Diagnostic {
  const { severity, ruleId, message, params, place } = diagnostic;
  return {
    severity,
    ruleId,
    message,
    params: { ...params },
    place: place === null ? null : { table: place.table, row: place.row, column: place.column, line: place.line },
  };
}

/** The machine-readable report: totals, then each file with its counts and diagnostics as in MODEL.md. */
export const formatJson: Reporter = ({ results, maxWarnings = null }) => {
  const verdict = judge(results, maxWarnings);
  const report = {
    // The same verdict as the exit code: errors, or more warnings than --max-warnings, make it false.
    valid: verdict.valid,
    errorCount: verdict.errorCount,
    warningCount: verdict.warningCount,
    maxWarnings,
    files: results.map((result) => ({
      file: result.file,
      valid: result.valid,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      diagnostics: result.diagnostics.map(toModel),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
