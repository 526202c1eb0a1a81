import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openPage, showsTitles, siteInChromium, skip } from './chromium.js';
import { cleanIssue } from '../helpers/fixture.js';
import { replaceInIssues } from './fixture.js';

/**
 * The papers page's form in Chromium: a query that names a paper by its
 * identity, the section filter's choices, and how the form's fields wrap.
 */
const PROBING = 'Probing circuits';
const NOTE = 'An unsectioned note';
const MIRAGE = 'Are Emergent Abilities of Large Language Models a Mirage?';
const BLOG = 'Our blog post on evaluations';
/** A paper in a section whose name is a word the filter could have used for "No section". */
const NAMED_NONE = 'A paper in the section named (none)';

const archive = siteInChromium((root) => {
  appendFileSync(join(root, 'paperboy.config.yaml'), 'sections: [Technical alignment / Interpretability, Evaluations, Architectures, (none)]\n');
  // Another paper whose words are the mirage paper's id, in two of its written forms.
  replaceInIssues(root, 'Evaluations, plainly.', 'Evaluations, plainly; see arXiv:2304.15004 and https://arxiv.org/abs/2304.15004.');
  const papers = `  - title: ${PROBING}
    url: https://example.org/probing
    authors: [Ann Probe]
    year: 2023
    section: Technical alignment / Interpretability
    summary: |
      Circuits, probed.
  - title: ${NOTE}
    url: https://example.org/note
    authors: [Nora Note]
    year: 2023
    summary: |
      A note outside any section.
  - title: ${NAMED_NONE}
    url: https://example.org/named-none
    authors: [Nemo None]
    year: 2023
    section: (none)
    summary: |
      A paper in a section of that name.
`;
  writeFileSync(join(root, 'issues', '0005-e.md'), cleanIssue({ number: 5, title: 'More', date: '2023-07-03', papers }));
});

/**
 * Types `query` into the search box and waits until the search has settled with `title` first; returns the results' titles.
 * The box is emptied first, and the results with it: else the previous query's results, settled with `title` first, pass for this one's.
 */
async function searchFor(page: Page, query: string, title: string): Promise<string[]> {
  const box = page.getByLabel('Search summaries and opinions');
  await box.fill('');
  await page.waitForFunction(() => document.querySelector('.search-results li') === null, undefined, { timeout: 10_000 });
  await box.fill(query);
  const settled = ([wanted]: string[]) =>
    document.querySelector('.search-status')?.textContent?.endsWith('.') && document.querySelector('.search-results li > a')?.textContent === wanted;
  await page.waitForFunction(settled, [title], { timeout: 10_000 }).catch(() => undefined);
  return page.locator('.search-results li > a').allInnerTexts();
}

test('a query that is a paper\'s identity (its arXiv id in any written form, "arXiv: " with a space and "arxiv" and a space too, one of its URLs) finds that paper, first', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  const written = ['arXiv: 2304.15004', 'arxiv 2304.15004', 'arXiv:2304.15004 [cs.CL]', 'https://arxiv.org/pdf/2304.15004.pdf'];
  for (const query of ['arXiv:2304.15004', 'https://arxiv.org/abs/2304.15004', 'https://arxiv.org/pdf/2304.15004v2', 'arxiv.org/pdf/2304.15004v2.pdf', '2304.15004', 'arXiv:2304.15004v1', ...written]) {
    const titles = await searchFor(page, query, MIRAGE);
    assert.equal(titles[0], MIRAGE, query);
    assert.equal(new Set(titles).size, titles.length, `${query}: each paper once`);
  }
  // A paper without an arXiv id, by its URL as a reader may copy it (www., a trailing slash, a fragment).
  assert.deepEqual(await searchFor(page, 'https://www.blog.example.com/posts/evals/#top', BLOG), [BLOG]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the section filter offers the config\'s sections in its order, a top-level section for all its subsections, and "No section"', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  const labels = await page.locator('#filter-section option').allInnerTexts();
  assert.deepEqual(labels, ['Any', 'Technical alignment, all', 'Technical alignment / Interpretability', 'Evaluations', 'Architectures', '(none)', 'No section']);
  await page.getByLabel('Section').selectOption({ label: 'Technical alignment, all' });
  await showsTitles(page, [PROBING]);
  await page.getByLabel('Section').selectOption({ label: 'No section' });
  await showsTitles(page, [NOTE]);
  // The choice is in the address, and read back from it.
  await page.reload();
  await showsTitles(page, [NOTE]);
  await page.goto(`${archive.origin}/papers/index.html?section=Technical+alignment`);
  await showsTitles(page, [PROBING]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a section named as "No section" could be, `(none)`, keeps its own papers, and "No section" the papers of none, chosen or read from the address', { skip }, async () => {
  const { page, errors } = await openPage(archive.browser, archive.origin);
  await page.goto(`${archive.origin}/papers/index.html`);
  await page.getByLabel('Section').selectOption({ label: '(none)' });
  await showsTitles(page, [NAMED_NONE]);
  await page.reload();
  await showsTitles(page, [NAMED_NONE]);
  await page.getByLabel('Section').selectOption({ label: 'No section' });
  await showsTitles(page, [NOTE]);
  await page.reload();
  await showsTitles(page, [NOTE]);
  await page.goto(`${archive.origin}/papers/index.html?section=%28none%29`);
  await showsTitles(page, [NAMED_NONE]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each filter\'s label wraps with its control: on the same line, or directly above it, at 320, 768 and 1100 pixels, light and dark', { skip }, async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [320, 768, 1100]) {
      const { page, errors } = await openPage(archive.browser, archive.origin, { viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${archive.origin}/papers/index.html`);
      await page.locator('.paper-search').waitFor();
      const pairs = await page.evaluate(() =>
        // No function declared inside (tsx would name it with a helper the page has not).
        [...document.querySelectorAll('.paper-search label')].map((label) => ({
          name: label.textContent,
          label: label.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number },
          control: document.getElementById(label.getAttribute('for')!)!.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number },
        })),
      );
      for (const { name, label, control } of pairs) {
        const middle = (label.top + label.bottom) / 2;
        const sameLine = middle > control.top && middle < control.bottom && label.right <= control.left + 1 && control.left - label.right < 20;
        const above = label.bottom <= control.top + 1 && control.top - label.bottom < 12 && Math.abs(label.left - control.left) < 2;
        assert.ok(sameLine || above, `${colorScheme}, ${width}px: "${name}" at ${JSON.stringify(label)}, its control at ${JSON.stringify(control)}`);
      }
      await page.locator('.paper-search').screenshot({ path: join(ARTIFACTS, `papers-form-${width}-${colorScheme}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
