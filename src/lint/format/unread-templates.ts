
import type { TemplateProblem } from '../../render/template-errors.js';
import { diagnosticLine } from './diagnostic-line.js';
import { shownPath } from '../../path-within.js';

/**
 * The mistakes of template files no template reads (`TemplateSet.unread`:
 * a partial none includes yet, with a syntax error) as warnings in lint's
 * line format, each file relative to `cwd` as lint writes an issue's
 * (`templates/partials/draft.html.hbs:2:1  warning  …`): what every command
 * that loads the templates says of them, alike, on stderr or above
 * `preview --watch`'s render. Empty for none.
 */
export function unreadTemplateLines(problems: readonly TemplateProblem[], cwd: string): string {
  return problems.map(({ file, line, column, reason }) => diagnosticLine(shownPath(file, cwd), { line, column, severity: 'warning', message: reason })).join('');
}
