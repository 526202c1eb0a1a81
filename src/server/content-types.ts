import { lookup, mimes } from 'mrmime';

/** Types whose files are text: what goes out with a charset, and compressed (compression.ts). */
export function isTextType(type: string): boolean {
  return /^text\/|^application\/(json|javascript|xml|rss\+xml|atom\+xml|feed\+json|manifest\+json|x-bibtex)|^image\/svg\+xml/.test(type);
}

/**
 * mrmime's table is the one file-response.ts and compression.ts read,
 * documented as open to additions. Two are made here, once, before either
 * serves a file:
 * - papers.bib: mrmime has no type for BibTeX; reference managers take this one.
 * - every text type names UTF-8, the only encoding the build writes: without
 *   a charset a browser reads `text/plain` or `text/csv` as windows-1252 and
 *   shows "SÃ¸ren" for "Søren" (mrmime's table names no charset).
 */
mimes.bib = 'application/x-bibtex';
for (const [extension, type] of Object.entries(mimes)) {
  if (isTextType(type) && !type.includes(';')) mimes[extension] = `${type};charset=utf-8`;
}

/** The Content-Type of a file of the site by its name (`email.txt` → `text/plain;charset=utf-8`), empty when unknown. */
export function contentType(name: string): string {
  return lookup(name) ?? '';
}
