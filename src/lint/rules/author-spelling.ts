import { namePosition, type IssueFacts } from '../../issue/facts.js';
import { authorKey } from '../../issue/names.js';
import type { CorpusRule } from '../types.js';

/**
 * One person, one spelling across the archive. The archive makes one
 * author page per name, whatever its case, accents or "Last, First" order
 * (`authorKey`), but `F. Viégas`, `Fernanda Viégas` and `Fernanda B.
 * Viégas` are three names, three author pages and three entries in the
 * papers page's author filter, so a reader following one misses the papers
 * of the others. Names with the same family name whose given names agree
 * but for initials standing for them and middle names left out are
 * reported, except the spelling expected: the one most papers use, then
 * the fullest, then the one an earlier issue used first. Only where every
 * such name could be every other (`J. Smith` beside `John Smith` and
 * `Jane Smith` is left alone: which was meant is the editor's call); a
 * warning, as two people may share initials and a family name. Drafts
 * count: they are published next.
 *
 * ok:     every paper by `Fernanda Viégas`; `Viégas, Fernanda` on another (one author page)
 * not ok: issue 1 lists `Fernanda Viégas` on 3 papers, issue 2 `F. Viégas` → Unexpected author `F. Viégas`, written `Fernanda Viégas` on 3 papers (first in issue #1): the archive shows these spellings as two author pages; expected `Fernanda Viégas`, or leave it if they are two people
 */
const rule: CorpusRule = {
  id: 'author-spelling',
  severity: 'warning',
  scope: 'corpus',
  sent: 'report',
  doc: 'One person is written one way across the archive (`Fernanda Viégas`, not also `F. Viégas` or `Fernanda B. Viégas`): each spelling is an author page of its own',
  check({ facts, report, reported }) {
    const expectedOf = expectedSpellings(spellingsOf(facts));
    for (const fact of facts) {
      if (!reported(fact.path)) continue;
      for (const paper of fact.papers) {
        const placed = paper.authors;
        placed?.names.forEach((name, i) => {
          const found = expectedOf.get(authorKey(name));
          if (!found) return;
          const { expected, count } = found;
          const where = expected.firstIssue === undefined ? '' : ` (first in issue #${expected.firstIssue})`;
          const pages = count === 2 ? 'two author pages' : `${count} author pages`;
          report(fact.path, {
            message: `Unexpected author \`${name}\`, written \`${expected.written}\` on ${expected.papers} paper${expected.papers === 1 ? '' : 's'}${where}: the archive shows these spellings as ${pages}; expected \`${expected.written}\`, or leave it if they are two people`,
            position: namePosition(placed, i),
          });
        });
      }
    }
  },
};
export default rule;

/** One author page's name: as first written, how many papers list it, where it was first listed, in what order it was met. */
interface Spelling {
  key: string;
  written: string;
  papers: number;
  firstIssue: number | undefined;
  rank: number;
}

/** Every author name of the archive by its page (`authorKey`), earlier issues first so that each is first met where it is first used. */
function spellingsOf(facts: readonly IssueFacts[]): Spelling[] {
  const byKey = new Map<string, Spelling>();
  const ordered = facts.map((fact, order) => ({ fact, order })).sort((a, b) => (a.fact.number ?? Infinity) - (b.fact.number ?? Infinity) || a.order - b.order);
  for (const { fact } of ordered) {
    for (const paper of fact.papers) {
      for (const name of new Set((paper.authors?.names ?? []).map(authorKey))) {
        const spelling = byKey.get(name);
        if (spelling) spelling.papers += 1;
        else byKey.set(name, { key: name, written: paper.authors!.names.find((written) => authorKey(written) === name)!, papers: 1, firstIssue: fact.number, rank: byKey.size });
      }
    }
  }
  return [...byKey.values()];
}

/**
 * The spellings to report, each with the one expected instead and how many
 * spellings its person has: the names of one family name are joined where
 * they could be one person (`samePerson`), and a group is reported only
 * when each of its names could be each other.
 */
function expectedSpellings(spellings: readonly Spelling[]): Map<string, { expected: Spelling; count: number }> {
  // By family name and the first letter of the first given name: two names that differ there are never one person (`agree`), and comparing
  // every pair of a family's names took ~30 ms of a one-edit build of the bench corpus (`node --cpu-prof`), whose authors have few family names between them.
  const byFamily = new Map<string, { spelling: Spelling; name: PersonName }[]>();
  for (const spelling of spellings) {
    const name = personName(spelling.key);
    if (name === undefined) continue;
    const bucket = `${name.family}\0${name.given[0]!.codePointAt(0)}`;
    const family = byFamily.get(bucket) ?? byFamily.set(bucket, []).get(bucket)!;
    family.push({ spelling, name });
  }
  const reported = new Map<string, { expected: Spelling; count: number }>();
  for (const family of byFamily.values()) {
    for (const group of connectedGroups(family, (a, b) => samePerson(a.name.given, b.name.given))) {
      const everyPair = group.every((a, i) => group.every((b, j) => i === j || samePerson(a.name.given, b.name.given)));
      if (group.length < 2 || !everyPair) continue;
      const spellings = group.map(({ spelling }) => spelling);
      const expected = [...spellings].sort((a, b) => b.papers - a.papers || letters(b.key) - letters(a.key) || a.rank - b.rank)[0]!;
      for (const spelling of spellings) if (spelling !== expected) reported.set(spelling.key, { expected, count: spellings.length });
    }
  }
  return reported;
}

/** The groups of `items` joined, directly or through others, by `linked`. */
function connectedGroups<T>(items: readonly T[], linked: (a: T, b: T) => boolean): T[][] {
  const groups: T[][] = [];
  const placed = new Set<T>();
  for (const item of items) {
    if (placed.has(item)) continue;
    const group = [item];
    placed.add(item);
    for (let i = 0; i < group.length; i++) {
      for (const other of items) {
        if (!placed.has(other) && linked(group[i]!, other)) {
          placed.add(other);
          group.push(other);
        }
      }
    }
    groups.push(group);
  }
  return groups;
}

function letters(key: string): number {
  return key.replace(/[^\p{L}]/gu, '').length;
}

/** A name's family name (its last word, with a generational suffix: `king jr.`) and given names (the words before, initials run together split: `f.b.` → `f.`, `b.`). */
interface PersonName {
  family: string;
  given: string[];
}

/** `key` (an `authorKey`, lower case, "First Last") as a person's name; undefined for a one-word name (a team, a mononym), which has no given names to compare. */
function personName(key: string): PersonName | undefined {
  const words = key.split(' ').filter(Boolean);
  const suffix = words.length > 2 && SUFFIX.test(words.at(-1)!) ? words.pop()! : undefined;
  if (words.length < 2) return undefined;
  const family = [words.pop()!, ...(suffix === undefined ? [] : [suffix])].join(' ');
  return { family, given: words.flatMap((word) => (RUN_OF_INITIALS.test(word) ? word.split(/(?<=\.)/) : [word])) };
}

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/;
const RUN_OF_INITIALS = /^(?:\p{L}\.){2,}$/u;

/**
 * Whether two lists of given names could name one person: their first
 * names agree, and the other names of the shorter list agree, in order,
 * with some of the longer's (a middle name left out). Two names agree
 * when they are the same, or one is an initial (`f`, `f.`) of the other,
 * or initials of its hyphened parts (`j.-p.`, `jean-pierre`).
 */
function samePerson(a: readonly string[], b: readonly string[]): boolean {
  if (!agree(a[0]!, b[0]!)) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let at = 1;
  for (const name of shorter.slice(1)) {
    while (at < longer.length && !agree(name, longer[at]!)) at++;
    if (at === longer.length) return false;
    at++;
  }
  return true;
}

function agree(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = [a.split('-'), b.split('-')];
  return x.length === y.length && x.every((part, i) => part === y[i] || initialOf(part, y[i]!) || initialOf(y[i]!, part));
}

/** Whether `initial` (`f` or `f.`) is the first letter of `name`. */
function initialOf(initial: string, name: string): boolean {
  return /^\p{L}\.?$/u.test(initial) && [...name][0] === [...initial][0];
}
