// The papers page with JavaScript: filters over the catalog (papers/catalog.js)
// and full-text search through MiniSearch, over the search index's shards
// (search/<year>.js, one per year of papers). Nothing is loaded until the
// reader searches or filters (or opens an address that does); filters alone
// read the catalog, never the index. Without JavaScript the stylesheet hides the form and the
// year pages list every paper.
//
// The search and the filters are in the page's address (`?q=…&tag=…&section=…
// &year=…&author=…`, the fields' names), as search pages such as Pagefind's
// keep theirs: rewritten as the reader types (one history entry, not one per
// keystroke) and read when the page is shown (opened, reloaded, or come back
// to), so a link or Back shows the same papers, and the form always says what
// the list shows.
//
// A classic script, and every file it loads is one too (a script element that
// hands its data over by a global: `paperboyCatalog`, `paperboySearchIndex`,
// `MiniSearch`, `paperboySearchOptions`): browsers refuse module scripts and
// `fetch` from `file://`, and the search must work from a site opened on disk.
(() => {
  'use strict';
  const form = document.querySelector('.paper-search');
  if (form) {
    const status = document.querySelector('.search-status');
    const results = document.querySelector('.search-results');
    const table = document.querySelector('.paper-table');
    const root = form.dataset.root;
    // paperboy's words, translated by the config's `words:` (config/words.ts `papersScriptWords`): a word's `{name}` filled from `values`;
    // a count's pair (`matchesOne`, `matchesOther`) chosen by the plural rules of the language its words are in.
    const { words, pluralLanguage } = JSON.parse(form.dataset.words);
    const plurals = new Intl.PluralRules(pluralLanguage);
    const say = (key, values = {}) => words[key].replace(/\{([A-Za-z]+)\}/g, (_, name) => String(values[name]));
    const sayCounted = (stem, count) => say(`${stem}${plurals.select(count) === 'one' ? 'One' : 'Other'}`, { count });
    // Results are shown a hundred at a time (a list of thousands would be slow to lay out and to read); "Show more" adds the next hundred.
    const PAGE = 100;
    let limit = PAGE;
    const shards = new Map();
    let generation = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      schedule();
    });

    // Runs the script at `url` (a script element: it loads from `file://` too); a failed load rejects naming `what`, and leaves no element behind.
    const loadScript = (url, what) =>
      new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = url;
        script.onload = resolve;
        script.onerror = () => {
          script.remove();
          reject(new Error(`${what} did not load`));
        };
        document.head.append(script);
      });
    // A load that failed is tried again by the next search.
    const once = (load) => {
      let loading;
      return () => {
        if (!loading) {
          loading = load();
          loading.catch(() => (loading = undefined));
        }
        return loading;
      };
    };
    const loadCatalog = once(async () => {
      await loadScript(form.dataset.catalog, 'the list of papers');
      return self.paperboyCatalog;
    });
    // MiniSearch and the index's options, in the site's assets/: loaded with the first search.
    const assets = new URL(`${root}assets/`, location.href);
    const loadOptions = once(() => loadScript(new URL('search-options.js', assets), 'the search engine'));
    const loadEngine = once(async () => {
      await Promise.all([loadScript(new URL('minisearch/index.js', assets), 'the search engine'), loadOptions()]);
      return { MiniSearch: self.MiniSearch, options: self.paperboySearchOptions.searchOptions };
    });
    // The author filter folds names as `paperboy papers --author` does (case, accents, ł → l, O’Neil → oneil): loaded with the first name typed.
    const loadFold = once(async () => {
      await loadOptions();
      return self.paperboySearchOptions.foldName;
    });
    // The index's tokenizer, which says whether a query has a word in it: loaded with the first character typed.
    const loadTokenize = once(async () => {
      await loadOptions();
      return self.paperboySearchOptions.tokenize;
    });
    // A year's shard, read with the options it was built with; a failed load is tried again by the next search.
    const loadShard = (year) => {
      if (!shards.has(year)) {
        const loading = Promise.all([loadEngine(), loadScript(new URL(`${year}.js`, new URL(form.dataset.search, location.href)), `the index of ${year}`)]).then(([{ MiniSearch, options }]) => {
          const data = self.paperboySearchIndex[year];
          // The engine holds the index from here: the global lets go of the data.
          delete self.paperboySearchIndex[year];
          return MiniSearch.loadJS(data, options);
        });
        loading.catch(() => shards.delete(year));
        shards.set(year, loading);
      }
      return shards.get(year);
    };
    const years = form.dataset.shards.split(' ').filter(Boolean);

    // The fields the address holds, in the order it lists them.
    const FIELDS = ['q', 'tag', 'section', 'year', 'author'];
    // The form's values into the address, those left empty out of it; the page's history entry is replaced, not added to.
    const writeAddress = () => {
      const params = new URLSearchParams();
      for (const name of FIELDS) if (form.elements[name].value) params.set(name, form.elements[name].value);
      const search = params.toString() ? `?${params}` : '';
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    };
    // The address's values into the form, every field (one the address leaves out is emptied: the browser may have restored an older value); a choice the page does not offer is "Any".
    // An address kept from before "No section" had its own value wrote it `section=(none)`: where no section is named so, it is still "No section".
    const readAddress = () => {
      const params = new URLSearchParams(location.search);
      for (const name of FIELDS) {
        const field = form.elements[name];
        const asked = params.get(name) ?? '';
        const wanted = name === 'section' && asked === '(none)' && ![...field.options].some((option) => option.value === asked) ? form.dataset.noSection : asked;
        field.value = wanted;
        if (field.value !== wanted) field.value = '';
      }
    };

    const element = (tag, attributes, text) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      if (text !== undefined) node.textContent = text;
      return node;
    };

    // An item is a search result or a catalog entry: both carry url, title, authors, issue, anchor and excerpt.
    // `focused`: the link of the result the reader was on (by keyboard) when this search began; the reader stays on it
    // when the results are shown again (as later years' matches come in), even if a list in between did not have it.
    // `asked`: whether the search had words (`query`) and filters (`filtered`), for what a search that finds nothing says.
    const show = (items, pending, focused = null, asked = { query: false, filtered: true }) => {
      // The result (or "Show more" button) the reader is on now, when the search began elsewhere: kept when later years' matches come in.
      focused ??= results.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
      results.replaceChildren();
      const list = element('ol', {});
      for (const item of items.slice(0, limit)) {
        const entry = element('li', {});
        // What the year pages' table shows of it besides its tags: authors, year, section (a dot apart: an authors line may hold semicolons).
        // Each name, fact, the title and the excerpt isolated with its direction its own (`<bdi>`, `dir="auto"`): an Arabic
        // or Hebrew one keeps its place beside the others and reads as written (docs/outputs.md, "Right-to-left text").
        const byline = element('p', { class: 'meta' });
        // The authors come one name at a time, `[name, after]`, joined as the pages join them.
        for (const [name, after] of item.authors) byline.append(element('bdi', {}, name), after);
        if (item.authors.length > 0) byline.append(' · ');
        if (item.year !== null && String(item.year) !== '') byline.append(element('bdi', {}, String(item.year)), ' · ');
        // A section path (`A / B`, as the config writes it) one section at a time: an Arabic parent stays before a Latin child.
        if (item.section) byline.append(...item.section.split(' / ').flatMap((part, i) => [...(i > 0 ? [' / '] : []), element('bdi', {}, part)]), ' · ');
        byline.append(`${say('resultIn')} `);
        // Each folder's index.html, as the build links pages: a site opened from disk has no server to answer a folder.
        // Named "Issue #5" for a screen reader listing the page's links, where the eye reads "in #5" (as the year's list names it).
        byline.append(element('a', { href: `${root}issues/${item.issue}/index.html${item.anchor ? `#${item.anchor}` : ''}`, 'aria-label': say('issueNumber', { number: item.issue }) }, `#${item.issue}`));
        entry.append(element('a', { href: `${root}${item.url}index.html`, dir: 'auto' }, item.title), byline);
        if (item.excerpt) {
          const excerpt = element('p', { class: 'excerpt', dir: 'auto' });
          // A paper covered in several issues: its excerpt is the newest summary's, which the byline's "in #3" is not; "#12" says whose.
          const from = item.excerptFrom;
          if (from) excerpt.append(element('a', { href: `${root}issues/${from.issue}/index.html#${from.anchor}`, 'aria-label': say('issueNumber', { number: from.issue }) }, `#${from.issue}`), ': ');
          excerpt.append(item.excerpt);
          entry.append(excerpt);
        }
        list.append(entry);
      }
      results.append(list);
      const total = items.length;
      if (total > limit) {
        const more = element('button', { type: 'button', class: 'show-more' }, say('showMore', { count: Math.min(PAGE, total - limit) }));
        more.addEventListener('click', () => {
          const next = limit;
          limit += PAGE;
          show(items, pending, null, asked);
          // The reader goes on where the list grew: the first result added (its title's link), not back to the top.
          results.querySelectorAll('li > a')[next]?.focus();
        });
        results.append(more);
      }
      if (focused !== null) [...list.querySelectorAll('a')].find((link) => link.getAttribute('href') === focused)?.focus();
      const counted = total === 0 ? say('noMatch') : `${sayCounted('matches', total)}${total > limit ? say('firstShown', { count: limit }) : ''}`;
      status.textContent = pending ? say('soFar', { matches: counted }) : total === 0 ? nothingFound(asked) : `${counted}.`;
      table.hidden = true;
    };

    // What a search that finds nothing says: why (every word of a search must occur in a paper; each filter chosen narrows) and what finds more.
    const nothingFound = ({ query, filtered }) =>
      say(query && filtered ? 'noMatchWordsAndFilters' : query ? 'noMatchWords' : 'noMatchFilters');

    const update = async () => {
      const mine = ++generation;
      // A new search starts with its first hundred.
      limit = PAGE;
      const focused = results.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
      const values = Object.fromEntries(new FormData(form));
      // A query without a word the index reads (`++`, `"`: tokenize finds none) is no query, as for `paperboy papers search`: the filters alone choose.
      const tokenize = values.q.trim() ? await loadTokenize() : undefined;
      const query = tokenize && tokenize(values.q).length > 0 ? values.q : '';
      const typed = values.author.trim();
      const fold = typed ? await loadFold() : undefined;
      if (mine !== generation) return;
      const author = typed && fold(typed);
      const filters = {};
      for (const key of ['tag', 'section', 'year']) if (values[key]) filters[key] = values[key];
      if (!query && !author && Object.keys(filters).length === 0) {
        results.replaceChildren();
        status.textContent = '';
        table.hidden = false;
        return;
      }
      // A section's choice keeps its papers and its subsections' (`Technical alignment` keeps `Technical alignment / Interpretability`); "No section" (its value the form's `data-no-section`) those of none.
      const inSection = (section) =>
        filters.section === form.dataset.noSection ? section === '' : section === filters.section || section.startsWith(`${filters.section} / `);
      const keep = (item) =>
        // `authorNames`: every name any summary gave the authors, one a line (paper-database.ts `authorFilterNames`), not the authors line with its "and" and "et al.".
        (!author || fold(item.authorNames).includes(author)) &&
        (!filters.tag || item.tags.includes(filters.tag)) &&
        (!filters.section || inSection(item.section)) &&
        // A paper without a year is in the `undated` choice (and shard).
        (!filters.year || (item.year === null ? 'undated' : String(item.year)) === filters.year);
      const asked = { query: query !== '', filtered: author !== '' || Object.keys(filters).length > 0 };
      if (query) {
        status.textContent = say('searching');
        // The newest year answers first; the others are fetched after it, and their matches added when all have come.
        const [newest, ...older] = filters.year ? years.filter((year) => year === filters.year) : years;
        let found = [];
        // As `paperboy papers search` reads a query (search-options.cjs, loaded with the tokenizer): the paper it names by its identity
        // (`arXiv:2309.08600`, `https://arxiv.org/pdf/2309.08600v2`, a paper's URL) besides the papers with its words.
        const answer = (index) => (found = found.concat(self.paperboySearchOptions.searchShard(index, query, keep)));
        // And ranks: the paper the query names by its identity first, then one of whose tags or venues it names, then MiniSearch's BM25
        // scores, compared across years (each shard weighs a word by its own year's papers).
        const ranked = () => self.paperboySearchOptions.rankResults(query, found);
        if (newest !== undefined) {
          const index = await loadShard(newest);
          if (mine !== generation) return;
          answer(index);
          if (older.length > 0) show(ranked(), true, focused, asked);
        }
        const others = await Promise.all(older.map((year) => loadShard(year)));
        if (mine !== generation) return;
        others.forEach(answer);
        show(ranked(), false, focused, asked);
        return;
      }
      const papers = await loadCatalog();
      if (mine !== generation) return;
      show(papers.filter(keep), false, focused, asked);
    };

    const run = () => update().catch((error) => (status.textContent = say('searchFailed', { error: error.message })));
    let timer;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    };
    // The values the last search was begun for: leaving a field fires `change` with nothing changed (a click on
    // "Show more" right after typing), which must not search again and take the reader back to the first hundred.
    let searched;
    const formKey = () => new URLSearchParams(new FormData(form)).toString();
    const edited = () => {
      if (formKey() === searched) return;
      searched = formKey();
      writeAddress();
      schedule();
    };
    form.addEventListener('input', edited);
    form.addEventListener('change', edited);
    // What the address says, shown at once: on opening and reloading; on coming back from the back-forward cache
    // (`pageshow` persisted: a search that leaving cut short, its shard's load stopped, is done again); after Back within the page (from the skip link's `#main`).
    const shown = () => {
      clearTimeout(timer);
      readAddress();
      searched = formKey();
      run();
    };
    window.addEventListener('pageshow', (event) => event.persisted && shown());
    window.addEventListener('popstate', shown);
    // The form is on screen before this script runs (the stylesheet shows it where scripts run): what the reader has begun
    // typing or choosing in it by now is the search, not emptied because the address holds none yet.
    if (form.contains(document.activeElement) && location.search === '') edited();
    else shown();
    // The lead offers search (the stylesheet has said so already where it knows `scripting`).
    const lead = document.querySelector('.lead');
    if (lead && form.dataset.lead) lead.textContent = form.dataset.lead;
  }
})();
