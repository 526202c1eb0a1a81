import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { refusedTitleCharacter, scaffoldIssue } from '../issue/scaffold.js';
import type { CommandIO } from '../io.js';

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
  const config = await loadConfig(resolve(io.cwd, options.root));
  const path = await scaffoldIssue(config, { title: options.title, today: new Date() });
  io.stdout.write(`${path}\n`);
  return 0;
}
