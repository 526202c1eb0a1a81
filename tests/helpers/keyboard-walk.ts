import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const KEYBOARD = fileURLToPath(new URL('./keyboard.browser.js', import.meta.url));

interface FocusReport {
  id: string | null;
  what: string;
  ring: boolean;
  ringContrast: number;
  inView: boolean;
}

/** The focused element as keyboard.browser.js's `focusReport` sees it. */
const focused = (page: Page) => page.evaluate(() => (window as unknown as { focusReport: () => FocusReport }).focusReport());

/**
 * What a reader with a keyboard alone cannot do on `page` (just loaded,
 * scripts on), one sentence each; none when all is well:
 * - the first Tab focuses the skip link, which then shows in the viewport,
 *   and Enter on it moves focus to `<main>` (the next Tab lands inside it);
 * - Tab reaches every control (keyboard.browser.js `markTabbables`), each
 *   showing a focus ring of 3:1 against the page and scrolled into view;
 * - Tab goes on past the last control and leaves the page (no trap).
 */
export async function keyboardWalk(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addScriptTag({ path: KEYBOARD });
  const controls = await page.evaluate(() => (window as unknown as { markTabbables: () => { id: string; what: string }[] }).markTabbables());
  const reached = new Set<string>();
  let left = false;
  for (let press = 0; press < controls.length + 10; press++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (press === 0 && !/skip-link|Skip to content|דלג/.test(at.what) && !(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')))) {
      problems.push(`the first Tab focuses ${at.what}, not the skip link`);
    }
    if (at.id === 'body') {
      left = true;
      break;
    }
    if (at.id !== null && reached.has(at.id)) {
      problems.push(`Tab came back to ${at.what} without leaving the page`);
      break;
    }
    if (at.id !== null) reached.add(at.id);
    if (!at.ring) problems.push(`${at.what} shows no focus ring`);
    else if (at.ringContrast < 3) problems.push(`${at.what}'s focus ring has a contrast of ${at.ringContrast}:1 against the page (3:1 needed)`);
    if (!at.inView) problems.push(`${at.what} is focused out of view`);
  }
  if (!left) problems.push(`Tab never left the page after ${controls.length + 10} presses (a trap?)`);
  for (const control of controls) if (!reached.has(control.id)) problems.push(`Tab never reaches ${control.what}`);

  // The skip link, from the top again.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.reload();
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const link = document.activeElement!;
    const rect = link.getBoundingClientRect();
    return { skipLink: link.classList.contains('skip-link'), inView: rect.left >= 0 && rect.right <= window.innerWidth && rect.top >= 0 && rect.width > 0 };
  });
  if (!skip.skipLink) return problems;
  if (!skip.inView) problems.push('the skip link, focused, is not in the viewport');
  await page.keyboard.press('Enter');
  if (!(await page.evaluate(() => document.activeElement?.id === 'main'))) problems.push('Enter on the skip link does not move focus to <main id="main">');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => ({ inMain: !!document.activeElement?.closest('main, footer'), what: document.activeElement?.outerHTML.slice(0, 80) ?? '' }));
  if (!next.inMain) problems.push(`after the skip link, Tab focuses ${next.what}, outside the content`);
  return problems;
}
