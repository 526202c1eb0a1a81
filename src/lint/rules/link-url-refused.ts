import { CorpusIndex } from '../../issue/corpus.js';
import { refusedMarkdownUrls } from '../../render/refused-urls.js';
import type { FileRule } from '../types.js';

/**
 * Every link and image of the Markdown keeps its URL in the outputs: the
 * renderers drop a URL whose scheme the email and the archive do not allow
 * (`ftp:`, `tel:`, `javascript:`; an image only `http:` or `https:`) or that
 * is no URL at all, and show only the text. A warning: the text stays, only
 * the link goes. Found by the renderers' own list (render/refused-urls.ts),
 * the one `render` warns from.
 *
 * ok:     `[the data](https://example.org/d.tar)`; `[write to us](mailto:a@example.org)`
 * not ok: `[the FTP mirror](ftp://ftp.example.org/d.tar)` → Unexpected URL scheme `ftp:` in `ftp://ftp.example.org/d.tar`, expected one of http, https, irc, ircs, mailto, xmpp; only the link text is shown
 * not ok: `![a plot](ftp://x.org/p.png)` → Unexpected image URL scheme `ftp:` in `ftp://x.org/p.png`, expected one of http, https; only the alt text is shown
 */
const rule: FileRule = {
  id: 'link-url-refused',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'Every link and image URL is one the outputs keep (an allowed scheme)',
  inputs: { config: ['baseUrl'] },
  check({ parsed, config, report }) {
    // Relative URLs resolve against baseUrl; cross-references are never refused, so no corpus is needed.
    for (const { message, position } of refusedMarkdownUrls(parsed, { baseUrl: config.baseUrl, corpus: new CorpusIndex([]), from: undefined })) {
      report({ message, position });
    }
  },
};
export default rule;
