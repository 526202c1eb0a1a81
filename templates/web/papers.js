// The papers page with JavaScript: filters over the catalog (papers/catalog.json)
// and full-text search through Pagefind. Nothing is fetched until the reader
// searches or filters; without JavaScript the form stays hidden and the year
// pages list every paper.
const form = document.querySelector('.paper-search');
if (form) {
  const status = document.querySelector('.search-status');
  const results = document.querySelector('.search-results');
  const table = document.querySelector('.paper-table');
  const root = form.dataset.root;
  const MAX_SHOWN = 100;
  let catalog;
  let pagefind;
  let generation = 0;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    schedule();
  });

  const loadCatalog = async () => (catalog ??= await (await fetch(form.dataset.catalog)).json());
  // One index per year (the newest first): load one, merge the others into it.
  const loadPagefind = async () => {
    if (!pagefind) {
      const base = new URL(form.dataset.pagefind, location.href);
      const [first, ...others] = form.dataset.shards.split(' ').filter(Boolean);
      const engine = await import(new URL(`${first}/pagefind.js`, base).href);
      await engine.init();
      for (const shard of others) await engine.mergeIndex(new URL(`${shard}/`, base).href);
      pagefind = engine;
    }
    return pagefind;
  };

  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const show = (items, total) => {
    results.replaceChildren();
    const list = element('ol', {});
    for (const item of items.slice(0, MAX_SHOWN)) {
      const entry = element('li', {});
      entry.append(element('a', { href: root + item.url }, item.title), ` (${item.authors}, #${item.issue})`);
      if (item.excerpt) {
        const excerpt = element('p', { class: 'meta' });
        excerpt.innerHTML = item.excerpt;
        entry.append(excerpt);
      }
      list.append(entry);
    }
    results.append(list);
    status.textContent = total === 0 ? 'No paper matches.' : `${total} ${total === 1 ? 'paper matches' : 'papers match'}${total > MAX_SHOWN ? `; the first ${MAX_SHOWN} are shown` : ''}.`;
    table.hidden = true;
  };

  const update = async () => {
    const mine = ++generation;
    const values = Object.fromEntries(new FormData(form));
    const query = values.q.trim();
    const author = values.author.trim().toLowerCase();
    const filters = {};
    for (const key of ['tag', 'section', 'year']) if (values[key]) filters[key] = values[key];
    if (!query && !author && Object.keys(filters).length === 0) {
      results.replaceChildren();
      status.textContent = '';
      table.hidden = false;
      return;
    }
    const byAuthor = (item) => !author || item.authors.toLowerCase().includes(author);
    if (query) {
      status.textContent = 'Searching…';
      const engine = await loadPagefind();
      const search = await engine.search(query, { filters });
      const data = await Promise.all(search.results.slice(0, MAX_SHOWN * 2).map((result) => result.data()));
      if (mine !== generation) return;
      const items = data
        // Pagefind rewrites a record's URL (from the site root, or absolute in a merged index): the path from the site's root is in the record's meta.
        .map((entry) => ({ url: entry.meta.path, title: entry.meta.title, authors: entry.meta.authors, issue: entry.meta.issue, excerpt: entry.excerpt }))
        .filter(byAuthor);
      show(items, author ? items.length : search.results.length);
      return;
    }
    const papers = await loadCatalog();
    if (mine !== generation) return;
    const items = papers.filter(
      (paper) => byAuthor(paper) && (!filters.tag || paper.tags.includes(filters.tag)) && (!filters.section || paper.section === filters.section) && (!filters.year || String(paper.year) === filters.year),
    );
    show(items, items.length);
  };

  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => update().catch((error) => (status.textContent = `Search failed: ${error.message}`)), 120);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
}
