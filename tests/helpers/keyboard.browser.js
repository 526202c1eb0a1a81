/* global document, getComputedStyle, window */
// Runs inside the page (added with Playwright's addScriptTag, as is: tsx's
// transform would add helpers the page does not have).

/**
 * Marks every control a keyboard reader must be able to reach (a link, a
 * button, a field, a `summary`, anything given `tabindex` ≥ 0) that is
 * rendered, enabled and not hidden from assistive technology, with
 * `data-kb="<n>"` in document order. Returns `[{ id, what }]`.
 */
window.markTabbables = () => {
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(selector)].filter(
    (element) => element.tabIndex >= 0 && !element.disabled && !element.closest('[aria-hidden="true"], [inert]') && element.checkVisibility({ checkVisibilityCSS: true }),
  );
  return controls.map((element, index) => {
    element.setAttribute('data-kb', String(index));
    return { id: String(index), what: window.describeElement(element) };
  });
};

/** `tag "text"` of an element, for a message. */
window.describeElement = (element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${(element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40)}"`;

const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (color) => {
  const [r, g, b] = color.match(/[\d.]+/g).map(Number);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const contrast = (a, b) => {
  const [l1, l2] = [luminance(a), luminance(b)];
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
};

/**
 * The focused element as a keyboard reader sees it: `id` (its `data-kb`,
 * or null: not a marked control; `body` when focus has left the page's
 * controls), `what`, `ring` (an outline of at least 2 px or a box shadow
 * shows where focus is), `ringContrast` (the outline's colour against the
 * page's background: WCAG 2.1 SC 1.4.11 asks 3:1 of what shows a state),
 * `inView` (some of it is inside the viewport, once focused).
 */
window.focusReport = () => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) return { id: 'body', what: 'body', ring: true, ringContrast: 21, inView: true };
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const background = getComputedStyle(document.body).backgroundColor;
  const rect = element.getBoundingClientRect();
  return {
    id: element.getAttribute('data-kb'),
    what: window.describeElement(element),
    ring: outline || shadow,
    ringContrast: outline && style.outlineStyle !== 'auto' ? Math.round(contrast(style.outlineColor, background) * 100) / 100 : 21,
    inView: rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth && rect.width > 0,
  };
};
