import { decodeHexReferences } from '../render/escape-html.js';
import { inTag } from './index-file-links.js';

/**
 * The HTML of a paper's texts (`htmls`: its summary, opinion, prerequisites
 * and footnotes, as its issue's page shows them) for a place other than that
 * page, the paper's own page and `papers.json`: each link to a fragment
 * alone (`#second-paper`, `#top`) that none of these texts holds the target
 * of leads to the issue's page (`issuePage`, an absolute URL under
 * `baseUrl`, which the paper's page makes a relative link to the file as
 * it does every link under `baseUrl`): written on the issue's page, where
 * a summary's `[the next paper](#second-paper)` leads to that paper's
 * anchor, it led to nothing on the paper's page, and `papers.json`, whose
 * every URL is absolute, held it relative. A link to the paper's own
 * footnotes (`#i1-p0-summary-fn-1`) and back stays as written: its target
 * is among the texts, on every page that shows them. Each text's bytes are
 * unchanged when it has no such link.
 *
 * The HTML is hast-util-to-html's: attribute values double-quoted, `"` and
 * `&` in them written as hexadecimal references (`decodeHexReferences`); a
 * fragment is compared with an id as the browser compares them, its
 * percent-escapes decoded (`#r%C3%A9sum%C3%A9` finds `id="résumé"`).
 */
export function fragmentsToIssuePage<T extends readonly (string | undefined)[]>(htmls: T, issuePage: string): T {
  const ids = new Set(htmls.flatMap((html) => (html === undefined ? [] : [...html.matchAll(ID)].filter((match) => inTag(html, match.index)).map((match) => decodeHexReferences(match[1]!)))));
  const outside = (fragment: string) => !ids.has(decodedFragment(decodeHexReferences(fragment)));
  return htmls.map((html) =>
    html?.replace(FRAGMENT_HREF, (attribute, fragment: string, offset: number) => (inTag(html, offset) && outside(fragment) ? ` href="${issuePage}#${fragment}"` : attribute)),
  ) as unknown as T;
}

const ID = /\sid="([^"]*)"/g;
const FRAGMENT_HREF = /\shref="#([^"]*)"/g;

/** A fragment as the id it names: percent-escapes decoded (the URL Standard's fragment state), else as written. */
function decodedFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
