import { loadConfig } from '../config/load.js';
import { Workspace } from '../issue/workspace.js';
import { lintIssues } from '../lint/engine.js';
import { formatStylish } from '../lint/format/stylish.js';
import { writeEmailFiles } from '../preview/email-files.js';
import type { CommandIO } from '../io.js';
import { terminalWidth, useColor } from './io.js';
import { counted } from '../render/format.js';
import { reviewMessages } from './lint-messages.js';
import { sayPassedOver, showPreview } from './preview.js';
import { newsletterRoot, rootFlag } from './root.js';
import { shownPath } from '../path-within.js';

export interface StartCommandOptions {
  root: string;
}

/**
 * `npm start`: the main job on a newsletter — lint every issue, write the
 * newest issue's email files (HTML, plaintext, the whole message) under
 * `<dataDir>/preview/<number>/`, never into the site folder (the newest
 * issue is often a draft), and end with its terminal preview, never paged
 * (plain text when stdout is not a terminal).
 */
export async function run(options: StartCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  // One read of every file, and one parse of those linted here, for the lint and the render.
  const workspace = await Workspace.loadCached(config);
  const newest = workspace.newest();
  // As `paperboy lint` with the newest issue named: a sent issue's editorial advice is history, but the issue previewed gets all.
  const results = await lintIssues(config, { workspace, adviceOnSent: newest ? [newest.path] : false });
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  io.stdout.write(formatStylish(results, { cwd: io.cwd, color: useColor(io.stdout, io.env, undefined), width: terminalWidth(io.stdout) }));
  io.stdout.write(`Linted ${counted(results.length, 'issue')} in ${shownPath(config.issuesDir, io.cwd)}: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}.\n`);

  const newer = workspace.newerUnreadable();
  sayPassedOver(newer, workspace, io);
  if (!newest) {
    // A half-typed issue is the one to fix, not a reason for another: its lint errors are above.
    io.stdout.write(newer[0] ? `No issue to render until ${shownPath(newer[0].path, io.cwd)} can be read (its errors are above).\n` : `No issue to render yet: \`paperboy new${rootFlag(io.cwd, config.root)}\` scaffolds one.\n`);
    return errors > 0 ? 1 : 0;
  }
  const paths = await writeEmailFiles(workspace, newest);
  io.stdout.write(`\nIssue #${newest.facts.number} (${newest.facts.title}) as subscribers will receive it:\n`);
  for (const path of paths) io.stdout.write(`  ${shownPath(path, io.cwd)}\n`);

  io.stdout.write(`\nPreview of issue #${newest.facts.number} (\`paperboy preview --watch${rootFlag(io.cwd, config.root)}\` re-renders on every save):\n\n`);
  // The lint above has the newest issue's messages: the preview counts them without linting it again.
  const previewed = await showPreview(workspace, newest, { pager: false }, io, reviewMessages(results.find((result) => result.path === newest.path)));
  return errors > 0 ? 1 : previewed;
}
