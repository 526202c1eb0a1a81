import { absoluteUrl } from '../../issue/paper-id.js';
import type { FileRule } from '../types.js';

/**
 * A paper's `url` is an absolute http(s) URL: it becomes a link in every
 * email and on the archive. Plain http still works, so it is only a warning
 * (a message-level severity, see Report.severity).
 *
 * ok:     `url: https://arxiv.org/abs/2304.15004`
 * not ok: `url: arxiv.org/abs/2304.15004` → Unexpected URL `arxiv.org/abs/2304.15004`, expected an absolute http(s) URL such as `https://arxiv.org/abs/2304.15004`
 * not ok: `url: ftp://example.org/paper.pdf` → the same, such as `https://example.org/paper`
 * warns:  `url: http://example.org/paper` → Unexpected plain http URL `http://example.org/paper`, expected https
 */
const rule: FileRule = {
  id: 'paper-url',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Each paper URL is an absolute http(s) URL, preferably https',
  check({ issue, parsed, report }) {
    for (const paper of issue?.papers ?? []) {
      // A missing or non-text url is frontmatter-schema's to report.
      if (paper.url === '') continue;
      const position = parsed.locate(['papers', paper.index, 'url']);
      const protocol = protocolOf(paper.url);
      if (protocol === 'http:') {
        report({ message: `Unexpected plain http URL \`${paper.url}\`, expected https`, position, severity: 'warning' });
      } else if (protocol !== 'https:') {
        report({ message: `Unexpected URL \`${paper.url}\`, expected an absolute http(s) URL such as \`${withHttps(paper.url) ?? 'https://example.org/paper'}\``, position });
      }
    }
  },
};
export default rule;

/**
 * A URL written without its scheme (`arxiv.org/abs/2304.15004`,
 * `www.example.org/paper`) as the https URL it names, when it reads as
 * one with a host of a dotted name; undefined otherwise (`TBD`, `ftp://…`).
 */
function withHttps(url: string): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || /\s/.test(url)) return undefined;
  const parsed = absoluteUrl(`https://${url}`);
  return parsed?.hostname.includes('.') ? parsed.href : undefined;
}

/** The URL's scheme (`https:`), or undefined when it is not an absolute URL with a host, or holds white space, which breaks a link in an email. */
function protocolOf(url: string): string | undefined {
  return /\s/.test(url) ? undefined : absoluteUrl(url)?.protocol;
}
