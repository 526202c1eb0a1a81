import { CorpusIndex } from '../../issue/corpus.js';
import { encodedPartSize } from '../../mail/compose.js';
import { GMAIL_CLIP_BYTES, renderHtmlOnly } from '../../render/email.js';
import { loadTemplates, type TemplateSet } from '../../render/templates.js';
import type { FileRule } from '../types.js';

/** Quoted-printable adds to that in the message; past this the encoded part is at risk too. */
export const MAX_ENCODED_BYTES = 90_000;

// Loaded once per process (and lint worker); rendering is the rule's whole cost.
const templateSets = new Map<string, TemplateSet>();

function templatesFor(dir: string): TemplateSet {
  let templates = templateSets.get(dir);
  if (!templates) {
    templates = loadTemplates(dir);
    templateSets.set(dir, templates);
  }
  return templates;
}

const kilobytes = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/**
 * The HTML email of an issue not yet sent stays under the size at which Gmail clips it.
 *
 * ok:     an issue of a few papers → about 30 KB of HTML
 * not ok: an issue of forty long summaries → Unexpected HTML email of 131.4 KB, expected at most 102 KB (Gmail clips longer messages)
 */
const rule: FileRule = {
  id: 'email-size',
  severity: 'warning',
  scope: 'file',
  doc: 'The HTML email of an unsent issue is under 102 KB, where Gmail clips it',
  check({ issue, parsed, facts, config, report }) {
    // A sent issue's size can no longer change: warning about it in every
    // lint of the archive would be noise, and rendering it is the rule's
    // whole cost (most of a cold lint of a long archive).
    if (!issue || issue.status === 'sent') return;
    // The linter sees one file at a time: cross-references resolve within
    // this issue only. A reference into another issue then renders as plain
    // text instead of a link, a few dozen bytes off: fine for an estimate.
    const html = renderHtmlOnly(issue, { config, corpus: new CorpusIndex([facts]), facts }, templatesFor(config.templatesDir));
    const bytes = Buffer.byteLength(html);
    const position = parsed.locate(['title']);
    if (bytes > GMAIL_CLIP_BYTES) {
      report({ message: `Unexpected HTML email of ${kilobytes(bytes)}, expected at most 102 KB (Gmail clips longer messages)`, position });
      return;
    }
    const encoded = encodedPartSize(html);
    if (encoded > MAX_ENCODED_BYTES) {
      report({ message: `Unexpected HTML part of ${kilobytes(encoded)} once encoded, expected at most 90 KB (Gmail may clip the message)`, position });
    }
  },
};
export default rule;
