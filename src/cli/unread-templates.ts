import { relative } from 'node:path';
import type { CommandIO } from '../io.js';
import { diagnosticLine } from '../lint/format/diagnostic-line.js';
import type { TemplateProblem } from '../render/template-errors.js';

/**
 * Says on stderr, in lint's line format, the mistakes of template files no
 * template reads (`TemplateSet.unread`: a partial none includes yet, with a
 * syntax error): warnings, as the command goes on without those files.
 */
export function sayUnreadTemplates(problems: readonly TemplateProblem[], io: CommandIO): void {
  for (const { file, line, column, reason } of problems) {
    io.stderr.write(diagnosticLine(relative(io.cwd, file) || file, { line, column, severity: 'warning', message: reason }));
  }
}
