
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { Workspace } from '../issue/workspace.js';
import { placeholderCopy } from '../mail/placeholder-copy.js';
import { renderIssueEmail } from '../render/issue-email.js';
import { refusedUrls } from '../render/refused-urls.js';
import { loadTemplates } from '../render/templates.js';
import type { CommandIO } from '../io.js';
import { diagnosticRows } from '../lint/format/stylish.js';
import { counted, itOrThem } from '../render/format.js';
import { lintMessages } from './lint-messages.js';
import { writeOutFile } from './out-file.js';
import { newsletterRoot } from './root.js';
import { sayUnreadTemplates } from './unread-templates.js';
import { shownPath } from '../path-within.js';

export interface RenderCommandOptions {
  root: string;
  /** An issue number or the path of an issue file. */
  issue: string;
  format: string;
  out?: string | undefined;
  review?: boolean;
}

const FORMATS = ['html', 'text', 'eml'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `paperboy render ISSUE`: the email as a subscriber receives it (or the
 * reviewers' proof). The issue's lint errors are printed on stderr first,
 * then every URL the email leaves out, each as `file:line:column`. The email
 * is still written (an editor looks at a draft while fixing it), but the exit
 * code is 1 when the issue has lint errors: the content is wrong, as `send`
 * would say.
 */
export async function run(options: RenderCommandOptions, io: CommandIO): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new PaperboyError('USAGE', `Unexpected --format \`${options.format}\`, expected one of ${FORMATS.map((f) => `\`${f}\``).join(', ')}`);
  }
  const config = await loadConfig(newsletterRoot(io.cwd, options.root, [options.issue]));
  const workspace = await Workspace.loadCached(config);
  const file = await workspace.findOrAdd(options.issue, io.cwd);
  const messages = await lintMessages(workspace, file.path);
  const errors = messages.filter((message) => message.severity === 'error');
  const where = shownPath(file.path, io.cwd);
  io.stderr.write(diagnosticRows(where, errors));

  const templates = loadTemplates(config.templatesDir);
  sayUnreadTemplates(templates.unread, io);
  // Said once the email is rendered: an issue that cannot be rendered at all is refused below instead.
  const email = renderIssueEmail(workspace, file, { templates, review: options.review ? { warnings: messages } : undefined });
  if (errors.length > 0) {
    io.stderr.write(`paperboy: ${where} has ${counted(errors.length, 'lint error')}; the email is rendered anyway, fix ${itOrThem(errors.length)} before sending.\n`);
  }
  const links = { baseUrl: config.baseUrl, corpus: workspace.corpus, from: file.facts };
  io.stderr.write(diagnosticRows(where, refusedUrls(email.parsed, links).map((refused) => ({ ...refused.position.start, severity: 'warning' as const, message: refused.message }))));
  const copy = await placeholderCopy(workspace, email);
  const output = { html: copy.html, text: copy.text, eml: copy.eml.toString('utf8') }[options.format as Format];

  if (options.out === undefined) io.stdout.write(output);
  else await writeOutFile(options.out, output, io);
  return errors.length > 0 ? 1 : 0;
}
