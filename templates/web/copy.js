// A paper's page with JavaScript: its "Copy BibTeX" button puts the entry on
// the clipboard, which a reader could not do without a mouse (selecting the
// entry's text alone takes one; Ctrl+A selects the whole page). The status
// beside it says what happened, to the eye and to a screen reader.
//
// Where the page has no clipboard (a site opened from disk in some browsers,
// a permission refused), the entry is selected instead and the status says
// how to copy it. Without JavaScript the stylesheet hides the button. What the
// status says is in the status's `data-copied` and `data-selected`: paperboy's
// words, which the config's `words:` translates.
(() => {
  'use strict';
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.getAttribute('aria-describedby'));
    if (!source || !status) continue;
    button.addEventListener('click', async () => {
      status.textContent = '';
      try {
        await navigator.clipboard.writeText(source.textContent);
        status.textContent = status.dataset.copied;
      } catch {
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = status.dataset.selected;
      }
    });
  }
})();
