import { namePosition } from '../../issue/facts.js';
import { tagKey } from '../../issue/names.js';
import type { CorpusRule } from '../types.js';

/**
 * One tag, one spelling across the archive. The archive makes one tag page
 * per tag, whatever its case or accents (`tagKey`), but `scaling laws` and
 * `scaling-laws` are two tags, two pages and two entries in the papers
 * page's tag filter, so a reader filtering by one misses the papers of the
 * other. Tags whose words differ only in how they are joined (spaces,
 * hyphens, underscores, or nothing: `finetuning`, `fine-tuning`) are
 * reported, except the spelling most papers use (on a tie, the one an
 * earlier issue used first), which is the one expected. So is a tag
 * written on one paper alone one letter from a tag of more papers
 * (`steerng` beside `steering`: a typo in one issue makes a tag page of
 * its own; `misspeltTags`). Drafts count: they are published next.
 *
 * ok:     every paper tagged `scaling-laws`
 * not ok: issue 1 tags 12 papers `scaling-laws`, issue 2 one `scaling laws` → Unexpected tag `scaling laws`, written `scaling-laws` on 12 papers (first in issue #1): the archive shows these spellings as two tags; expected `scaling-laws`
 */
const rule: CorpusRule = {
  id: 'tag-spelling',
  severity: 'warning',
  scope: 'corpus',
  sent: 'report',
  doc: 'A tag is joined one way across the archive (`scaling-laws`, not also `scaling laws` or `scaling_laws`), and a tag of one paper is not one letter from a tag of more (`steerng`, `steering`): each spelling is a tag page of its own',
  check({ facts, report, reported }) {
    const spellings = new Map<string, Map<string, Spelling>>();
    // Earlier issues first, so that each spelling's first use is where it is first met.
    const ordered = facts.map((fact, order) => ({ fact, order })).sort((a, b) => (a.fact.number ?? Infinity) - (b.fact.number ?? Infinity) || a.order - b.order);
    for (const { fact } of ordered) {
      for (const paper of fact.papers) {
        for (const name of paper.tags?.names ?? []) {
          const key = tagKey(name);
          const loose = key.replace(JOINERS, '');
          const group = spellings.get(loose) ?? spellings.set(loose, new Map()).get(loose)!;
          const spelling = group.get(key);
          if (spelling) spelling.papers += 1;
          else group.set(key, { written: name, papers: 1, firstIssue: fact.number, rank: group.size });
        }
      }
    }
    // Each group of spellings once: the one expected (most papers, then first met), and how many there are.
    const expectedOf = new Map<string, { key: string; spelling: Spelling; count: number }>();
    for (const [loose, group] of spellings) {
      if (group.size < 2) continue;
      const [key, spelling] = [...group].sort(([, a], [, b]) => b.papers - a.papers || a.rank - b.rank)[0]!;
      expectedOf.set(loose, { key, spelling, count: group.size });
    }
    const misspeltOf = misspeltTags(spellings);
    for (const fact of facts) {
      if (!reported(fact.path)) continue;
      for (const paper of fact.papers) {
        const placed = paper.tags;
        placed?.names.forEach((name, i) => {
          const key = tagKey(name);
          const misspelt = misspeltOf.get(key.replace(JOINERS, ''));
          if (misspelt) {
            const where = misspelt.firstIssue === undefined ? '' : ` (first in issue #${misspelt.firstIssue})`;
            report(fact.path, {
              message: `Unexpected tag \`${name}\`, on this paper alone and one letter from \`${misspelt.written}\`, written on ${misspelt.papers} papers${where}: the archive shows these spellings as two tags; expected \`${misspelt.written}\``,
              position: namePosition(placed, i),
            });
            return;
          }
          const found = expectedOf.get(key.replace(JOINERS, ''));
          if (!found || found.key === key) return;
          const { spelling: expected, count } = found;
          const where = expected.firstIssue === undefined ? '' : ` (first in issue #${expected.firstIssue})`;
          const tags = count === 2 ? 'two tags' : `${count} tags`;
          report(fact.path, {
            message: `Unexpected tag \`${name}\`, written \`${expected.written}\` on ${expected.papers} paper${expected.papers === 1 ? '' : 's'}${where}: the archive shows these spellings as ${tags}; expected \`${expected.written}\``,
            position: namePosition(placed, i),
          });
        });
      }
    }
  },
};
export default rule;

/** One way a tag is joined: as first written, how many papers use it, where it was first used, and in what order it was met. */
interface Spelling {
  written: string;
  papers: number;
  firstIssue: number | undefined;
  rank: number;
}

/**
 * The tags (by their letters alone, as `spellings` groups them) written on
 * one paper only that are one letter from a tag written on more (a letter
 * left out, added, changed, or two swapped: `steerng`, `steering`), each
 * with the spelling most of that other tag's papers use: a typo, most
 * likely, that makes a tag page of its own. Both at least five letters
 * long (`llm` and `llms` are short words, not typos) and with the same
 * digits (`gpt-2` and `gpt-4` are two tags). Such a tag near two others
 * is passed over: which was meant is the editor's call.
 */
function misspeltTags(spellings: ReadonlyMap<string, ReadonlyMap<string, Spelling>>): Map<string, Spelling & { papers: number }> {
  const groups = [...spellings].map(([loose, group]) => {
    const uses = [...group.values()];
    const most = [...uses].sort((a, b) => b.papers - a.papers || a.rank - b.rank)[0]!;
    return { loose, papers: uses.reduce((sum, use) => sum + use.papers, 0), most };
  });
  const misspelt = new Map<string, Spelling & { papers: number }>();
  for (const once of groups) {
    if (once.papers !== 1 || [...once.loose].length < 5) continue;
    const near = groups.filter((other) => other.papers > 1 && oneLetterApart(once.loose, other.loose));
    if (near.length === 1) misspelt.set(once.loose, { ...near[0]!.most, papers: near[0]!.papers });
  }
  return misspelt;
}

/** Whether `a` and `b` differ by one letter left out, added, changed or two swapped (Damerau), and have the same digits. */
function oneLetterApart(a: string, b: string): boolean {
  const [x, y] = [[...a], [...b]];
  if (Math.abs(x.length - y.length) > 1 || a === b || a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let [endX, endY] = [x.length, y.length];
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) [endX, endY] = [endX - 1, endY - 1];
  const [restX, restY] = [x.slice(start, endX), y.slice(start, endY)];
  // What differs, once the common start and end are taken away: one letter at most on each side, or two swapped.
  if (restX.length <= 1 && restY.length <= 1) return true;
  return restX.length === 2 && restY.length === 2 && restX[0] === restY[1] && restX[1] === restY[0];
}

/** What may join a tag's words: spaces, hyphens (ASCII, U+2010, U+2011), underscores. */
const JOINERS = /[\s\-\u2010\u2011_]+/g;
