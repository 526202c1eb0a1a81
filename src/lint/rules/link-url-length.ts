import { configuredWords } from '../../config/words.js';
import { CorpusIndex } from '../../issue/corpus.js';
import { cutUrls } from '../../render/cut-urls.js';
import { plainStyle } from '../../render/text/index.js';
import type { FileRule } from '../types.js';

const count = (n: number) => n.toLocaleString('en');

/**
 * Every URL stays whole on its line of the plaintext email: a paper's `url`
 * on the line under its title (indented 3), a link's or an image's on its
 * `[N] ` line of the reference list, and an address the text prints itself
 * (`<https://…>`, a bare `https://…` or `www.…`) on its line of the text,
 * after what precedes it there (a list's indentation, a quote's `> `, a
 * table's columns). A line over 998 octets (RFC 5322 §2.1.1) is cut over
 * two (SPEC), and a mail program follows neither half. The URL is measured
 * as the plaintext writes it (a link's absolute, percent-encoded: `é` is 6
 * octets; an autolink's as written, and one holding a non-ASCII character
 * also encoded on its `[N] ` line), its line as the renderer lays it out,
 * so the limit is 995 octets for a paper's URL, 994 for a reference (993 in
 * a list that reaches `[10]`) and 998 for an address that starts a line of
 * the text. A warning: the text is all there, only the link breaks.
 *
 * ok:     `url: https://doi.org/10.48550/arXiv.2304.15004`; `[the data](https://example.org/d.tar)`; `see <https://example.org/d.tar>`
 * not ok: `url: https://example.org/?q=…` of 1,823 octets → Unexpected URL of 1,823 octets, expected at most 995: the plaintext email cuts it over two lines (no line over 998 octets), where a mail program will not follow it; link a shorter address (a DOI, the abstract page)
 * not ok: `[the query](https://example.org/?q=é…)` whose 600 `é` make 3,623 octets → Unexpected URL of 3,623 octets as the email writes it, expected at most 994: the same
 * not ok: `- data: https://example.org/?q=…` of 1,200 octets in a list → Unexpected URL of 1,200 octets, expected at most 996: the same
 */
const rule: FileRule = {
  id: 'link-url-length',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: `Every URL the plaintext prints (a paper's, a link's or image's, an autolink or bare URL in the text) fits on its line, which is cut past ${plainStyle.maxLineOctets} octets`,
  // Relative links and cross-references resolve against baseUrl, which lengthens them; an image's label on an address's line is in `words` (`[Bild: alt]`).
  inputs: { config: ['baseUrl', 'words'] },
  check({ parsed, facts, config, report }) {
    // Within this issue only, as email-size renders it (a file rule sees one file).
    const links = { baseUrl: config.baseUrl, corpus: new CorpusIndex([facts]), from: facts };
    for (const { url, href, octets, limit, position } of cutUrls(parsed, links, configuredWords(config.words))) {
      const written = href === url ? '' : ' as the email writes it';
      report({
        message: `Unexpected URL of ${count(octets)} octets${written}, expected at most ${count(limit)}: the plaintext email cuts it over two lines (no line over ${plainStyle.maxLineOctets} octets), where a mail program will not follow it; link a shorter address (a DOI, the abstract page)`,
        position,
      });
    }
  },
};
export default rule;
