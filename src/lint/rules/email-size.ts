import { CorpusIndex } from '../../issue/corpus.js';
import { GMAIL_CLIP_BYTES } from '../../render/limits.js';
import type { FileRule } from '../types.js';
import { formatKilobytes } from '../../render/format.js';

/** Quoted-printable adds to that in the message; past this the encoded part is at risk too. */
const MAX_ENCODED_BYTES = 90_000;

/**
 * The renderer, the templates and the MIME encoder, imported when the first
 * unsent issue is linted: they are a third of the linter's modules, and a
 * lint of an archive, where every issue but the newest is sent, or a lint
 * answered from the cache, never needs them.
 */
interface Renderer {
  renderCheckedParts: typeof import('../../render/email.js').renderCheckedParts;
  encodedPartSize: typeof import('../../mail/compose.js').encodedPartSize;
  /** The templates as they are now: compiled again after an edit, never the first ones read (templates.ts). */
  currentTemplates: typeof import('../../render/templates.js').currentTemplates;
}

// The modules only, loaded once per process: they hold no state of a newsletter.
let renderer: Promise<Renderer> | undefined;

async function loadRenderer(): Promise<Renderer> {
  const [{ renderCheckedParts }, { encodedPartSize }, { currentTemplates }] = await Promise.all([
    import('../../render/email.js'),
    import('../../mail/compose.js'),
    import('../../render/templates.js'),
  ]);
  return { renderCheckedParts, encodedPartSize, currentTemplates };
}

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
  sent: 'advice',
  doc: 'The HTML email of an unsent issue is under 102 KB, where Gmail clips it',
  // Everything the email's HTML shows of the newsletter, and the templates it is rendered with.
  inputs: { config: ['name', 'description', 'postalAddress', 'baseUrl', 'language', 'words', 'sections', 'email', 'templatesDir'], templates: true },
  async check({ issue, parsed, facts, config, report }) {
    // A sent issue's size can no longer change: warning about it in every
    // lint of the archive would be noise, and rendering it is the rule's
    // whole cost (most of a cold lint of a long archive).
    if (!issue || issue.status === 'sent') return;
    // The linter sees one file at a time: cross-references resolve within
    // this issue only. A reference into another issue then renders as plain
    // text instead of a link, a few dozen bytes off: fine for an estimate.
    // Both parts are rendered, though only the HTML's size is measured: a mistake in the plaintext's templates is found now, not by `send`.
    const { renderCheckedParts, encodedPartSize, currentTemplates } = await (renderer ??= loadRenderer());
    const { html } = renderCheckedParts(issue, { config, corpus: new CorpusIndex([facts]), facts }, currentTemplates(config.templatesDir));
    const bytes = Buffer.byteLength(html);
    const position = parsed.locate(['title']);
    if (bytes > GMAIL_CLIP_BYTES) {
      report({ message: `Unexpected HTML email of ${formatKilobytes(bytes)}, expected at most 102 KB (Gmail clips longer messages)`, position });
      return;
    }
    const encoded = encodedPartSize(html);
    if (encoded > MAX_ENCODED_BYTES) {
      report({ message: `Unexpected HTML part of ${formatKilobytes(encoded)} once encoded, expected at most 90 KB (Gmail may clip the message)`, position });
    }
  },
};
export default rule;
