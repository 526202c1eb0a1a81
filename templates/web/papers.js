// The papers page with JavaScript: filters over the catalog (papers/catalog.json)
// and full-text search through MiniSearch, over the search index's shards
// (search/<year>.json, one per year of papers). Nothing is fetched until the
// reader searches or filters; without JavaScript the form stays hidden and the
// year pages list every paper.
const form = document.querySelector('.paper-search');
if (form) {
  const status = document.querySelector('.search-status');
  const results = document.querySelector('.search-results');
  const table = document.querySelector('.paper-table');
  const root = form.dataset.root;
  const MAX_SHOWN = 100;
  let catalog;
  let engine;
  const shards = new Map();
  let generation = 0;
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    schedule();
  });

  const loadCatalog = async () => (catalog ??= await (await fetch(form.dataset.catalog)).json());
  // MiniSearch and the index's options, beside this script (assets/): loaded with the first search.
  const loadEngine = () => {
    if (!engine) {
      engine = Promise.all([import('./minisearch/index.js'), import('./search-options.js')]).then(([library, options]) => ({
        MiniSearch: library.default,
        options: options.searchOptions,
      }));
      engine.catch(() => (engine = undefined));
    }
    return engine;
  };
  // A year's shard, read with the options it was built with; a failed load is tried again by the next search.
  const loadShard = (year) => {
    if (!shards.has(year)) {
      const loading = Promise.all([loadEngine(), fetch(new URL(`${year}.json`, new URL(form.dataset.search, location.href))).then((response) => {
        if (!response.ok) throw new Error(`the index of ${year} did not load (HTTP ${response.status})`);
        return response.text();
      })]).then(([{ MiniSearch, options }, text]) => MiniSearch.loadJSON(text, options));
      loading.catch(() => shards.delete(year));
      shards.set(year, loading);
    }
    return shards.get(year);
  };
  const years = form.dataset.shards.split(' ').filter(Boolean);

  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // An item is a search result or a catalog entry: both carry url, title, authors, issue (and a result its anchor and excerpt).
  // `focused`: the link of the result the reader was on (by keyboard) when this search began; the reader stays on it
  // when the results are shown again (as later years' matches come in), even if a list in between did not have it.
  const show = (items, pending, focused = null) => {
    results.replaceChildren();
    const list = element('ol', {});
    for (const item of items.slice(0, MAX_SHOWN)) {
      const entry = element('li', {});
      const byline = element('p', { class: 'meta' }, `${item.authors ? `${item.authors}; ` : ''}in `);
      byline.append(element('a', { href: `${root}issues/${item.issue}/${item.anchor ? `#${item.anchor}` : ''}` }, `#${item.issue}`));
      entry.append(element('a', { href: root + item.url }, item.title), byline);
      if (item.excerpt) entry.append(element('p', { class: 'excerpt' }, item.excerpt));
      list.append(entry);
    }
    results.append(list);
    if (focused !== null) [...list.querySelectorAll('a')].find((link) => link.getAttribute('href') === focused)?.focus();
    const total = items.length;
    const counted = total === 0 ? 'No paper matches' : `${total} ${total === 1 ? 'paper matches' : 'papers match'}${total > MAX_SHOWN ? `; the first ${MAX_SHOWN} are shown` : ''}`;
    status.textContent = pending ? `${counted} so far; searching the other years…` : `${counted}.`;
    table.hidden = true;
  };

  const update = async () => {
    const mine = ++generation;
    const focused = results.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
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
    const keep = (item) =>
      (!author || item.authors.toLowerCase().includes(author)) &&
      (!filters.tag || item.tags.includes(filters.tag)) &&
      (!filters.section || item.section === filters.section) &&
      (!filters.year || String(item.year) === filters.year);
    if (query) {
      status.textContent = 'Searching…';
      // The newest year answers first; the others are fetched after it, and their matches added when all have come.
      const [newest, ...older] = filters.year ? years.filter((year) => year === filters.year) : years;
      let found = [];
      const answer = (index) => (found = found.concat(index.search(query, { filter: keep })));
      // MiniSearch's BM25 scores, compared across years (each shard weighs a word by its own year's papers).
      const ranked = () => [...found].sort((a, b) => b.score - a.score);
      if (newest !== undefined) {
        const index = await loadShard(newest);
        if (mine !== generation) return;
        answer(index);
        if (older.length > 0) show(ranked(), true, focused);
      }
      const others = await Promise.all(older.map((year) => loadShard(year)));
      if (mine !== generation) return;
      others.forEach(answer);
      show(ranked(), false, focused);
      return;
    }
    const papers = await loadCatalog();
    if (mine !== generation) return;
    show(papers.filter(keep), false, focused);
  };

  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => update().catch((error) => (status.textContent = `Search failed: ${error.message}`)), 120);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
}
