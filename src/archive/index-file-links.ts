/**
 * `html`, a page whose way to the site's root is `root` (`./`, or `../`
 * per level), with each link the site makes to a folder (`../papers/x/`,
 * `../../`, `../issues/2/#a`) pointed at the folder's `index.html`: a site
 * opened from disk (`file://`) has no server to answer a folder with its
 * index, and browsers show a file listing instead. Every host serves the
 * file at that path too. The links the site makes are the `href`
 * attributes that start with `root`: what the templates write as
 * `{{root}}…`, and what the content's links under `baseUrl` become. A
 * relative link an editor wrote in a text (`docs/`) stays theirs, as the
 * email has it. Text that looks like an attribute, and an attribute's
 * value that holds one, are left alone (`inTag`). Quotes and case stay as
 * written. Parsing every tag's attributes with a regular expression took
 * 1.4 s on the 112 MB of pages of a cold build of the bench corpus; this,
 * which looks only around each `href`, 0.5 s.
 */
export function indexFileLinks(html: string, root: string): string {
  const link = new RegExp(`(\\shref\\s*=\\s*["']?)(${root.replaceAll('.', '\\.')}[^"'\\s>]*)`, 'gi');
  return html.replace(link, (attribute, head: string, value: string, offset: number) => {
    if (!inTag(html, offset)) return attribute;
    const end = value.search(/[?#]|$/);
    if (!value.slice(0, end).endsWith('/')) return attribute;
    return `${head}${value.slice(0, end)}index.html${value.slice(end)}`;
  });
}

/**
 * Whether `offset` in `html` lies among a tag's attributes, outside their
 * quoted values: after a `<` with no `>` since but one inside quotes.
 * Text cannot open a tag: serializers escape its `<`. Also what
 * page-render.ts `siteRelative` rewrites only there.
 */
export function inTag(html: string, offset: number): boolean {
  const open = html.lastIndexOf('<', offset);
  if (open === -1) return false;
  let quote = '';
  for (let i = open + 1; i < offset; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return false;
    }
  }
  return quote === '';
}
