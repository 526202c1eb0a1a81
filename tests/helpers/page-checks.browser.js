/* global document, getComputedStyle, NodeFilter, window */
// Runs inside the page (added with Playwright's addScriptTag, as is: tsx's
// transform would add helpers the page does not have).

/**
 * Every visible text of the page whose contrast with what is behind it is
 * below `min`, as WCAG 2.x defines the ratio (relative luminance, success
 * criterion 1.4.3): the text's colour against the first opaque background
 * of its element or an ancestor; and each visible placeholder of an empty
 * field. Returns `[{ text, color, background, ratio }]`.
 */
window.lowContrastTexts = (min) => {
  const rgb = (value) => {
    const parts = value.match(/[\d.]+/g).map(Number);
    return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  };
  const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      if (rgb(background)[3] > 0) return background;
    }
    return 'rgb(255, 255, 255)';
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent.trim() || !element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const style = getComputedStyle(element);
    // The preheader's filler is 1px and the colour of the background on purpose.
    if (parseFloat(style.fontSize) <= 1) continue;
    const background = backgroundOf(element);
    const [l1, l2] = [luminance(rgb(style.color)), luminance(rgb(background))];
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < min) found.push({ text: node.textContent.trim().slice(0, 60), color: style.color, background, ratio: Math.round(ratio * 100) / 100 });
  }
  // A field's placeholder is text the reader reads too (its colour is the `::placeholder` pseudo-element's).
  for (const field of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (field.value || !field.placeholder.trim() || !field.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const color = getComputedStyle(field, '::placeholder').color;
    const background = backgroundOf(field);
    const [l1, l2] = [luminance(rgb(color)), luminance(rgb(background))];
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < min) found.push({ text: `placeholder: ${field.placeholder.slice(0, 48)}`, color, background, ratio: Math.round(ratio * 100) / 100 });
  }
  return found;
};

/**
 * For every heading matching `selector`, the blank space between it and the
 * text before it, and between it and the text after it (from the bottom of
 * the last line of text above to the top of the first line below, in CSS
 * pixels): `[{ heading, above, below }]`.
 */
window.headingGaps = (selector) => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()];
    if (rects.length > 0) texts.push({ node, top: rects[0].top, bottom: rects.at(-1).bottom });
  }
  return [...document.querySelectorAll(selector)].map((heading) => {
    const box = heading.getBoundingClientRect();
    const inside = (text) => heading.contains(text.node);
    const index = texts.findIndex(inside);
    const last = texts.findLastIndex(inside);
    const before = texts[index - 1];
    const after = texts[last + 1];
    return { heading: heading.textContent.trim(), above: before ? Math.round(box.top - before.bottom) : null, below: after ? Math.round(after.top - box.bottom) : null };
  });
};
