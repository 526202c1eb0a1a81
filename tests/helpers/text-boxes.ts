import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Where a text lands on a line, in pixels from the page's left. */
export interface TextBox {
  left: number;
  right: number;
}

/**
 * The box on screen of each of `needles` in what `page` shows (under
 * `within`, a CSS selector, the whole body by default), whatever elements
 * hold it: a text, or a text and the text it is in (`["2023", ", 2023"]`:
 * the year after a comma, not a date elsewhere), inside one text node,
 * measured by a DOM Range. For what the Unicode Bidirectional Algorithm
 * does to a line: which word a reader sees left of which.
 */
export async function textBoxes(page: Page, needles: readonly (string | readonly [string, string])[], within = 'body'): Promise<TextBox[]> {
  const found = await page.evaluate(
    ([texts, selector]) => {
      const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      return texts.map((needle) => {
        const [text, context] = typeof needle === 'string' ? [needle, needle] : needle;
        const node = nodes.find((candidate) => candidate.data.includes(context));
        if (!node) return null;
        const start = node.data.indexOf(context) + context.indexOf(text);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + text.length);
        const rect = range.getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      });
    },
    [needles, within] as const,
  );
  return found.map((box, i) => box ?? assert.fail(`"${String(needles[i])}" is not on the page`));
}
