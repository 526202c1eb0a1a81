import { isPaperboyError } from '../errors.js';
import type { CommandIO } from '../io.js';
import { unreadTemplateLines } from '../lint/format/unread-templates.js';
import type { TemplateProblem } from '../render/template-errors.js';
import { BUILTIN_TEMPLATES_DIR, templateFiles } from '../render/template-files.js';

/**
 * Says on stderr, in lint's line format, the mistakes of template files no
 * template reads (`TemplateSet.unread`: a partial none includes yet, with a
 * syntax error): warnings, as the command goes on without those files.
 */
export function sayUnreadTemplates(problems: readonly TemplateProblem[], io: CommandIO): void {
  const lines = unreadTemplateLines(problems, io.cwd);
  if (lines) io.stderr.write(lines);
}

/**
 * `sayUnreadTemplates` for `lint`, which renders only in its email-size
 * rule (in its workers, or not at all when the rule is off): the templates
 * of `templatesDir` loaded here when the newsletter has any (the built-in
 * ones have no unread file), so a lint with nothing to say of them does not
 * load Handlebars. A template error of a file a template reads is the
 * email-size rule's to report (exit 2), not said here.
 */
export async function sayUnreadTemplatesOf(templatesDir: string | undefined, io: CommandIO): Promise<void> {
  try {
    if (!templateFiles(templatesDir).some(({ file }) => !file.startsWith(BUILTIN_TEMPLATES_DIR))) return;
    const { currentTemplates } = await import('../render/templates.js');
    sayUnreadTemplates(currentTemplates(templatesDir).unread, io);
  } catch (error) {
    if (!isPaperboyError(error)) throw error;
  }
}
