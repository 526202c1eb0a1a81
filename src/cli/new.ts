import { relative } from 'node:path';
import { keepOutOfGit } from '../config/git-ignore.js';
import { loadConfig } from '../config/load.js';
import { isPaperboyError, PaperboyError } from '../errors.js';
import { refusedTitleCharacter, scaffoldIssue } from '../issue/scaffold.js';
import { highestSentNumber } from '../send/runs.js';
import { openStoreIfAny } from '../store/database.js';
import type { CommandIO } from '../io.js';
import { newsletterRoot } from './root.js';
import { shownPath } from '../path-within.js';

export interface NewCommandOptions {
  root: string;
  title?: string;
}

export async function run(options: NewCommandOptions, io: CommandIO): Promise<number> {
  // An empty title would be written as `title: ""`, which lint then refuses: say so before writing the file.
  if (options.title !== undefined && options.title.trim() === '') {
    throw new PaperboyError('USAGE', 'Unexpected empty --title, expected the issue\'s title, such as --title "Sparse autoencoders"', {
      hint: 'Leave --title out to get a TODO title to fill in.',
    });
  }
  const refused = options.title === undefined ? undefined : refusedTitleCharacter(options.title);
  if (refused) {
    throw new PaperboyError('USAGE', `Unexpected ${refused.description} in --title (character ${refused.at}), expected a title on one line of printable text, such as --title "Sparse autoencoders"`);
  }
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  const path = await scaffoldIssue(config, { title: options.title, today: new Date(), sentUpTo: highestSent(config.dataDir) });
  io.stdout.write(`${path}\n`);
  // The database holds readers' addresses: a newsletter in git keeps it (and the built site) out of its commits.
  let kept: ReturnType<typeof keepOutOfGit>;
  try {
    kept = keepOutOfGit(config.root, [
      { path: config.dataDir, why: "the subscriber database: your readers' addresses" },
      { path: config.outDir, why: 'what `paperboy build` writes' },
    ]);
  } catch (error) {
    // The issue is written: a .gitignore that cannot be is said, not a failure.
    io.stderr.write(`paperboy: could not write .gitignore (${(error as Error).message}): keep ${relative(config.root, config.dataDir)}/ and ${relative(config.root, config.outDir)}/ out of git yourself\n`);
    return 0;
  }
  if (kept.wrote) io.stderr.write(`paperboy: wrote ${shownPath(kept.wrote, io.cwd)}: it keeps paperboy's data and the built site out of git\n`);
  for (const folder of kept.unignored) io.stderr.write(`paperboy: .gitignore does not name ${relative(config.root, folder.path)}/ (${folder.why}): add \`/${relative(config.root, folder.path)}/\` to it\n`);
  return 0;
}

/**
 * The highest issue number a send of this newsletter was started under
 * (0 for none): an issue deleted after its send leaves its number to its
 * journal, and a new issue given it would meet that journal (`send`
 * refuses it). 0 as well when the database cannot be opened: `new` has
 * never needed it, and does not fail for it (the numbers are the files'
 * then, and `send` still refuses a number another issue's journal holds).
 */
function highestSent(dataDir: string): number {
  let db;
  try {
    db = openStoreIfAny(dataDir);
  } catch (error) {
    if (isPaperboyError(error)) return 0;
    throw error;
  }
  try {
    return highestSentNumber(db);
  } finally {
    db.close();
  }
}
