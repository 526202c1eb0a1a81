/**
 * `sitemap.xml` (sitemaps.org 0.9): every page's absolute URL under
 * `baseUrl`, folders for `index.html` pages, in path order. No `lastmod`: the
 * build reads no clock, so the same input gives the same bytes.
 */
export function sitemap(baseUrl: string, pagePaths: readonly string[]): string {
  const urls = [...pagePaths]
    .sort()
    .map((path) => `  <url><loc>${escapeXml(new URL(path.replace(/index\.html$/, ''), baseUrl).href)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
