import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import type { IssueFacts } from '../issue/facts.js';
import type { LintMessage } from './types.js';

/**
 * The messages of the rules across issues (engine.ts `runCorpusRules`) on
 * the files `reported` holds, by file: none, without running them, when
 * they said nothing of those files the last time they read the same facts
 * but for where the reported files write them; else `run()`.
 *
 * Why: a build after one edited summary of a sent issue lints that file,
 * and the rules across issues compare every issue's facts for it
 * (author-spelling folds every name of the archive, xref-unknown indexes
 * every paper): ~150 ms of the one-edit build of the 1,000-issue bench
 * corpus in a profile (`node --cpu-prof`), to say nothing again. Words
 * added to a summary change no fact but the places after them (a title's
 * offset, an `issue:` link's `numberAt`), and whether such a rule reports
 * depends on no place (types.ts `CorpusRuleContext`): places say only
 * where a message points and what its fix replaces. So silence, and only
 * silence, carries over: messages are made again each time, at their
 * places.
 *
 * Kept in `<dataDir>/cache/lint-corpus.v8` as one key: a SHA-256 of the
 * rules' inputs and the lint's format (`format`: settings.ts
 * `rulesInputsKey` and cache.ts `LINT_FORMAT`), the files reported on, the
 * other files' facts as given and the reported files' facts without their
 * places (`placeless`), as JSON (where a value `undefined` and one left
 * out are one: no rule tells them apart). Hashing them (~7 MB on the
 * bench corpus) costs ~40 ms. A file that cannot be read, or of another layout
 * or key, is no silence; one that cannot be written costs the next lint
 * the rules' run.
 */
export function corpusMessagesUnlessSilent(
  dataDir: string | undefined,
  format: string,
  facts: readonly IssueFacts[],
  reported: ReadonlySet<string>,
  run: () => Map<string, LintMessage[]>,
): Map<string, LintMessage[]> {
  if (dataDir === undefined) return run();
  const file = join(dataDir, 'cache', 'lint-corpus.v8');
  const key = silenceKey(format, facts, reported);
  if (storedKey(file) === key) return new Map();
  const messages = run();
  const silent = [...reported].every((path) => (messages.get(path)?.length ?? 0) === 0);
  if (silent) {
    try {
      writeCacheFile(file, serialize({ layout: LAYOUT, key } satisfies Stored));
    } catch {
      // The next lint runs the rules again.
    }
  }
  return messages;
}

/** The stored key's layout: another one is no silence. */
const LAYOUT = 'paperboy-lint-corpus-silence-1';

interface Stored {
  layout: typeof LAYOUT;
  key: string;
}

/** A SHA-256 of what the rules' silence on `reported` follows from (see `corpusMessagesUnlessSilent`). */
function silenceKey(format: string, facts: readonly IssueFacts[], reported: ReadonlySet<string>): string {
  // As JSON, as the lint cache keeps facts (cache.ts): a file's facts read back from there hash as they did when made.
  // A file at a time, each on a line of its own (JSON holds no raw line break): one text of every file's facts took 15 MB more at the peak.
  const hash = createHash('sha256').update(`${JSON.stringify([format, [...reported].sort()])}\n`);
  for (const fact of facts) hash.update(`${JSON.stringify(reported.has(fact.path) ? placeless(fact) : fact)}\n`);
  return hash.digest('hex');
}

/**
 * `facts` without where anything is written: every `Position`, the line
 * and column of each tag and author (`at`), and where an `issue:` link's
 * number is (`numberAt`). Everything else as it is: a field added to the
 * facts later is kept, and so keys the silence (a miss at worst).
 */
function placeless(facts: IssueFacts): unknown {
  const { numberPosition: _number, datePosition: _date, formerly, papers, references, ...rest } = facts;
  return {
    ...rest,
    formerly: formerly?.map(({ position: _position, ...former }) => former),
    papers: papers.map(({ position: _position, tags, authors, ...paper }) => ({ ...paper, tags: tags?.names, authors: authors?.names })),
    references: references.map(({ position: _position, numberAt: _at, ...reference }) => reference),
  };
}

function storedKey(file: string): string | undefined {
  const bytes = readCacheFile(file);
  if (!bytes) return undefined;
  try {
    const stored = deserialize(bytes) as Partial<Stored> | undefined;
    return stored?.layout === LAYOUT && typeof stored.key === 'string' ? stored.key : undefined;
  } catch {
    return undefined;
  }
}
