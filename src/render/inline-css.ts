import { createRequire } from 'node:module';
import { load, type CheerioAPI } from 'cheerio/slim';
import type juice from 'juice';
import { withSubjectIndex } from './subject-index.js';

/**
 * juice, run on cheerio's htmlparser2-only build (`cheerio/slim`).
 *
 * Why not `juice(html, options)`: juice's entry point loads the whole of
 * cheerio, whose main module also loads parse5 and undici (an HTTP client,
 * for `fromURL`), and web-resource-inliner. juice never uses them: it
 * loads documents with cheerio's `xml` option, which parses with
 * htmlparser2 and serializes with dom-serializer, exactly what
 * `cheerio/slim` does. Measured here: 196–229 ms and 23 MB to load juice,
 * 80 ms and 10 MB for its inliner on `cheerio/slim`; every process that
 * renders an email pays it (a rebuild after one edit, each render worker,
 * `lint`, `preview`).
 *
 * What stays juice's: its inliner (`juice/lib/inline`, the engine its own
 * entry point wraps). What is written here is the wrapper of
 * `juice/lib/cheerio.js` (11.1.1, pinned exactly in package.json, as is
 * cheerio at juice's own pin), step for step: code blocks set aside, the
 * document loaded, inlined, serialized, code blocks put back.
 * tests/render/inline-css.test.ts checks the output equals `juice()`'s,
 * byte for byte, on the sample issues' emails and on generated HTML.
 */
type JuiceEngine = Pick<typeof juice, 'juiceDocument'>;

const engine = (createRequire(import.meta.url)('juice/lib/inline') as (client: object) => JuiceEngine)(() => undefined);

/**
 * What juice keeps out of the parser and puts back as it was (its
 * `codeBlocks`): template tags, which an HTML parser would mangle. Our
 * HTML is rendered already, but a summary may show `{{name}}` as text.
 */
const CODE_BLOCKS = [
  { start: '<%', end: '%>' },
  { start: '{{', end: '}}' },
];

/**
 * `html` with the CSS of its `<style>` elements inlined as `options` say:
 * the string `juice(html, options)` returns. Throws what juice throws.
 */
export function inlineCss(html: string, options: juice.Options): string {
  const blocks: string[] = [];
  let encoded = html;
  for (const { start, end } of CODE_BLOCKS) {
    encoded = encoded.replace(new RegExp(`${start}([\\S\\s]*?)${end}`, 'g'), (match) => {
      blocks.push(match);
      return `JUICE_CODE_BLOCK_${blocks.length - 1}_`;
    });
  }
  // juice's own options for cheerio: `xml` makes cheerio use htmlparser2, and entities stay as written.
  const $: CheerioAPI = load(encoded, { xml: { decodeEntities: false, xmlMode: options.xmlMode } });
  // Its rules' selections through an index (subject-index.ts): the same elements, found faster.
  engine.juiceDocument(options.xmlMode ? $ : withSubjectIndex($), options);
  let inlined = options.xmlMode ? $.xml() : $.html();
  blocks.forEach((block, index) => {
    inlined = inlined.replace(new RegExp(`JUICE_CODE_BLOCK_${index}_(="")?`, 'gi'), () => block);
  });
  return inlined;
}
