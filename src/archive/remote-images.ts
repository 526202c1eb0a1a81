import { decodeHexReferences, escapeHtml } from '../render/escape-html.js';

/**
 * A web fragment's images from other hosts as links to them: the archive
 * makes no request outside the site (it works offline and tells no other
 * host who reads it), while the email keeps its images (mail clients ask
 * before loading them). An image under `baseUrl` is the site's own and
 * stays. The link says what the image showed: `Image: <alt>`.
 *
 * The fragment is rehype-stringify's output after rehype-sanitize
 * (render/html-rewrite.ts leaves only http(s) images, their `src`
 * absolute): every attribute value is in double quotes, so one pattern
 * finds each `<img>` whole, even with `>` inside its alt text, and the
 * values' only character references are hexadecimal.
 */
export function linkRemoteImages(html: string, baseUrl: string): string {
  if (!html.includes('<img')) return html;
  return html.replace(IMAGE, (image: string, attributes: string) => {
    const values = new Map([...attributes.matchAll(ATTRIBUTE)].map((match) => [match[1]!, decodeHexReferences(match[2] ?? '')]));
    const src = values.get('src') ?? '';
    if (src.startsWith(baseUrl)) return image;
    const alt = values.get('alt')?.trim();
    return `<a class="remote-image" href="${escapeHtml(src)}">${escapeHtml(alt ? `Image: ${alt}` : 'Image')}</a>`;
  });
}

const IMAGE = /<img((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /([\w:-]+)(?:="([^"]*)")?/g;
