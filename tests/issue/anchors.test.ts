import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import GithubSlugger from 'github-slugger';
import { paperAnchors, TEMPLATE_IDS } from '../../src/issue/anchors.js';
import { isFootnoteId } from '../../src/issue/footnote-ids.js';

test('anchors: the whole title as GitHub slugs it, never cut mid-word', () => {
  const title = 'Towards Automated Circuit Discovery for Mechanistic Interpretability in Large Language Models';
  assert.deepEqual(paperAnchors([title]), ['towards-automated-circuit-discovery-for-mechanistic-interpretability-in-large-language-models']);
  assert.deepEqual(paperAnchors(["Language Models Don't Always Say What They Think"]), ['language-models-dont-always-say-what-they-think']);
});

test('anchors: a repeated title gets -1, -2; a title of punctuation alone still has an anchor', () => {
  assert.deepEqual(paperAnchors(['Scaling', 'Scaling', 'Scaling']), ['scaling', 'scaling-1', 'scaling-2']);
  assert.deepEqual(paperAnchors(['???']), ['paper']);
  assert.deepEqual(paperAnchors(['Éléments de théorie']), ['éléments-de-théorie']);
});

/** The ids the built-in templates write themselves (`id="…"` without a Handlebars field), web and email. */
function templateIds(): Set<string> {
  const dir = fileURLToPath(new URL('../../templates/', import.meta.url));
  const files = readdirSync(dir, { recursive: true }).map(String);
  const texts = files.filter((file) => /\.(hbs|js)$/.test(file)).map((file) => readFileSync(join(dir, file), 'utf8'));
  // A script that gives an element an id would escape this list: none does.
  for (const text of texts) assert.doesNotMatch(text, /\.id\s*=|setAttribute\(\s*['"]id['"]/);
  return new Set(texts.flatMap((text) => [...text.matchAll(/\bid=["']([^"'{}]+)["']/g)].map((match) => match[1]!)));
}

/** A valid HTML id that reads as a paper's: not empty, no whitespace, a letter or digit first (html-validate's relaxed `valid-id`, as pages are checked, and no `-1`). */
const VALID_ID = /^[\p{L}\p{N}]\S*$/u;

/** The anchors as github-slugger alone gave them (paperboy 0.4.0). */
function sluggerAnchors(titles: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return titles.map((title) => slugger.slug(title) || slugger.slug('paper'));
}

test('anchors: every id a built-in template writes is reserved, so a template gaining an id fails here until it is', () => {
  assert.deepEqual([...templateIds()].filter((id) => !TEMPLATE_IDS.has(id)), []);
  assert.ok(templateIds().has('main'));
});

test("anchors: a title slugging to a template's id or a footnote's gets a `Paper-` anchor, not the layout's `main` or a note's id", () => {
  assert.deepEqual(paperAnchors(['Main', 'I1 P0 summary fn x', 'Body fnref 1', 'BibTeX label']), ['Paper-main', 'Paper-i1-p0-summary-fn-x', 'Paper-body-fnref-1', 'Paper-bibtex-label']);
  // The repeat keeps the anchor it had: only the colliding title moves.
  assert.deepEqual(paperAnchors(['Main', 'Main', 'Main 1']), ['Paper-main', 'main-1', 'main-1-1']);
  for (const id of TEMPLATE_IDS) assert.notEqual(paperAnchors([id])[0], id);
});

test('anchors: titles that slug to nothing get an anchor each (a second one was `-1`); a digit first or a combining mark keeps the slug GitHub gives, a valid HTML id', () => {
  assert.deepEqual(paperAnchors(['#', '🙂', '???']), ['paper', 'Paper-1', 'Paper-2']);
  assert.deepEqual(paperAnchors(['1-bit LLMs', '3D Gaussian Splatting']), ['1-bit-llms', '3d-gaussian-splatting']);
  assert.deepEqual(paperAnchors(['Ele\u0301ments', 'हिन्दी']), sluggerAnchors(['Ele\u0301ments', 'हिन्दी']));
});

/** Titles: ordinary words, repeats, and the ones that collide (template ids, footnote ids, nothing to slug, a digit first). */
const title = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom('Scaling', 'laws', 'of', 'Attention', 'Is', 'All', 'You', 'Need', 'GPT-4', "Don't", 'Éléments', 'ü', '—', '&', 'C++'), { minLength: 1, maxLength: 6 }).map((words) => words.join(' ')),
  fc.constantFrom('Main', 'main', 'Main 1', 'Paper', 'paper 1', 'I1 P0 summary fn x', 'Body fn 1', 'body-footnote-label', 'Filter tag', '#', '🙂', '', '1-bit', '-1', 'Paper main', 'Ele\u0301ments'),
);

test('anchors: every title github-slugger gives a free, valid anchor keeps it byte for byte; the others get valid anchors of their own', () => {
  const reserved = templateIds();
  const free = (anchor: string) => VALID_ID.test(anchor) && !reserved.has(anchor) && !isFootnoteId(anchor);
  fc.assert(
    fc.property(fc.array(title, { maxLength: 8 }), (titles) => {
      const anchors = paperAnchors(titles);
      sluggerAnchors(titles).forEach((before, i) => {
        if (free(before)) assert.equal(anchors[i], before);
        else assert.ok(free(anchors[i]!), `${JSON.stringify(titles[i])}: ${anchors[i]}`);
      });
      assert.equal(new Set(anchors).size, anchors.length, `one anchor twice: ${anchors.join(' ')}`);
    }),
    { numRuns: 3000 },
  );
});
