import leven from 'leven';
import type { z } from 'zod';

/**
 * Hints for a misspelled key or name, shared by the issue schema, the config
 * and the lint rules. Candidates within a Levenshtein distance of
 * max(2, a third of the word) count as the typo's intent.
 */

/**
 * The closest of `candidates` to `word`, when it is close enough to be a
 * typo: within `maxDistance` edits (Levenshtein), by default max(2, a third
 * of the word).
 */
export function closest(word: string, candidates: readonly string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}

/**
 * The second half of "Unexpected key `X`, …" for a key no mapping of its
 * kind takes (`candidates`: the keys it takes; `present`: those written in
 * it): "expected `summary`" for a near miss of a key not written yet; for
 * a near miss of one written already (`baseUrl2` beside `baseUrl`), that
 * the key is unknown, not the suggestion to write the other a second time;
 * else every candidate.
 */
export function unknownKeyHint(word: string, candidates: readonly string[], present: readonly string[]): string {
  // The nearest of all: a farther key not written yet (`listAddress` for `postalAdress` beside `postalAddress`) is no better a guess.
  const meant = closest(word, candidates);
  if (meant === undefined) return didYouMean(word, candidates);
  if (present.includes(meant)) return `an unknown key: \`${meant}\`, which it resembles, is set already (keep one of the two, named \`${meant}\`)`;
  return `expected \`${meant}\``;
}

/** "expected `summary`" for a near miss, else every candidate: the second half of an "Unexpected X, expected Y" message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const suggestion = closest(word, candidates);
  return suggestion ? `expected \`${suggestion}\`` : `expected one of ${candidates.map((c) => `\`${c}\``).join(', ')}`;
}

/**
 * The unknown-keys issue among zod's `issues` that holds the key missing at
 * `path` misspelt: a key of the same mapping that is a near miss of it
 * (`sumary` for `summary`, `dkim.keySelectr`), whose "Unexpected key …,
 * expected `summary`" says what to fix; undefined when none does. A
 * "Missing key `summary`" beside it would say the one mistake twice.
 */
export function misspeltKeyIssue(issues: readonly z.core.$ZodIssue[], path: readonly PropertyKey[]): z.core.$ZodIssue | undefined {
  const missing = path.at(-1);
  if (typeof missing !== 'string') return undefined;
  const mapping = path.slice(0, -1);
  return issues.find(
    (issue) =>
      issue.code === 'unrecognized_keys' &&
      issue.path.length === mapping.length &&
      issue.path.every((part, i) => part === mapping[i]) &&
      issue.keys.some((key) => closest(key, [missing]) !== undefined),
  );
}
