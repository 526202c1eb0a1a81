import { decodeHexReferences, escapeHtml } from '../render/escape-html.js';

/**
 * A web fragment's images from other hosts as links to them: the archive
 * makes no request outside the site (it works offline and tells no other
 * host who reads it), while the email keeps its images (mail clients ask
 * before loading them). An image under `baseUrl` is the site's own and
 * stays. The link says what the image showed: `Image: <alt>`, in the
 * newsletter's word for an image (`words.image`, its first letter upper
 * case in the newsletter's `language`: `Bild: <alt>`), as the plaintext
 * email says `[image: <alt>]` (default: English).
 *
 * An image inside a link (a badge: `[![build](…/badge.svg)](…/ci)`) cannot
 * become a link there: HTML permits no `<a>` in an `<a>`, and browsers
 * reshape one. Its label becomes the outer link's text, and the link to the
 * image follows the outer link: `<a href="…/ci">Image: build</a>
 * (<a class="remote-image" href="…/badge.svg">image</a>)`.
 *
 * The fragment is rehype-stringify's output after rehype-sanitize
 * (render/html-rewrite.ts leaves only http(s) images, their `src`
 * absolute), then KaTeX's: every attribute value is in double quotes and
 * every `<` of a text or a value is a character reference, so one pattern
 * finds each `<a>`, `</a>` and `<img>` tag whole, in order, even with `>`
 * inside an alt text, and the values' only character references are
 * hexadecimal. The links open around an image are counted as the tags go by.
 */
export function linkRemoteImages(html: string, baseUrl: string, image = 'image', language = 'en'): string {
  if (!html.includes('<img')) return html;
  const first = [...image][0] ?? '';
  const Image = first.toLocaleUpperCase(language) + image.slice(first.length);
  let openLinks = 0;
  let afterLink = '';
  return html.replace(TAG, (tag: string, name: string, attributes: string) => {
    if (name === 'a') {
      openLinks += 1;
      return tag;
    }
    if (name === '/a') {
      openLinks = Math.max(0, openLinks - 1);
      if (openLinks > 0 || !afterLink) return tag;
      const links = afterLink;
      afterLink = '';
      return tag + links;
    }
    const values = new Map([...attributes.matchAll(ATTRIBUTE)].map((match) => [match[1]!, decodeHexReferences(match[2] ?? '')]));
    const src = values.get('src') ?? '';
    if (src.startsWith(baseUrl)) return tag;
    const alt = values.get('alt')?.trim();
    const label = escapeHtml(alt ? `${Image}: ${alt}` : Image);
    if (openLinks === 0) return `<a class="remote-image" href="${escapeHtml(src)}">${label}</a>`;
    afterLink += ` (<a class="remote-image" href="${escapeHtml(src)}">${escapeHtml(image)}</a>)`;
    return label;
  });
}

const TAG = /<(a|\/a|img)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /([\w:-]+)(?:="([^"]*)")?/g;
