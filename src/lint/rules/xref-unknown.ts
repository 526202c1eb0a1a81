import { CorpusIndex } from '../../issue/corpus.js';
import { unknownReferences } from '../../issue/xref-check.js';
import type { CorpusRule } from '../types.js';

/**
 * Every `paper:` and `issue:` link (SPEC) leads to something published: a
 * paper summarized in an issue that is not a draft (or in this very issue),
 * or a published issue. Unknown papers get the closest published title.
 * The check is the issue layer's (issue/xref-check.ts): a build reports the
 * same links as left out.
 *
 * ok:     `[the mirage paper](paper:2304.15004)` once an issue covering it is sent
 * not ok: `[it](paper:2304.1500)` → Unexpected reference `paper:2304.1500`, expected a paper summarized in a published issue (did you mean `Are Emergent Abilities of Large Language Models a Mirage?` (#3)?)
 * not ok: `[it](issue:abc)` → Unexpected reference `issue:abc`, expected `issue:` and an issue number, such as `issue:41`
 */
const rule: CorpusRule = {
  id: 'xref-unknown',
  severity: 'error',
  scope: 'corpus',
  sent: 'report',
  doc: 'Every `paper:` and `issue:` link leads to a published paper or issue',
  check({ facts, report, reported }) {
    const corpus = CorpusIndex.of(facts);
    for (const from of facts) {
      if (!reported(from.path)) continue;
      for (const { path, message, position } of unknownReferences(from, corpus)) report(path, { message, position });
    }
  },
};
export default rule;
