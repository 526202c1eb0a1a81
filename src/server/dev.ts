import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { buildSite } from '../archive/build.js';
import { CONFIG_FILE, configChangedSince, loadConfig, type Config } from '../config/load.js';
import { isPaperboyError } from '../errors.js';
import { isIssueFile } from '../issue/load.js';
import type { TemplateProblem } from '../render/template-errors.js';
import { Workspace } from '../issue/workspace.js';
import type { ExtraRoute } from './app.js';
import { sitePath } from './pages.js';
import { watchFolder, watchStaticFiles } from './static-watch.js';
import { previewRoute } from './preview-route.js';
import { imagesServedFrom, mailLinkBase } from './link-base.js';
import { unreadableFileOf, watchFailure } from '../watch-failure.js';

/** Quiet time after the last file event before rebuilding, in ms: an editor's save is often several writes. */
const DEBOUNCE_MS = 80;

/** The path of the live-reload stream under the site root. */
export const EVENTS_PATH = '/__paperboy/events';

/**
 * The script every HTML page of the dev server gets before `</body>` (the
 * not-found page and `/preview/N` too, so that they recover once the file
 * is back): it listens to the server's events at `events`, the stream's
 * path from the host (server-sent events, so no dependency and no
 * WebSocket), and reloads the page after each rebuild, or shows why the
 * build failed; a page that connects while the last build failed is sent
 * that failure at once.
 */
function liveReloadScript(events: string): string {
  return `<script>(() => {
  const events = new EventSource(${JSON.stringify(events)});
  // Marks the page once it listens (what a test waits for before saving a file).
  events.addEventListener('open', () => { document.documentElement.dataset.paperboyLive = 'connected'; });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('failed', (event) => {
    let banner = document.getElementById('paperboy-build-error');
    if (!banner) {
      banner = document.createElement('pre');
      banner.id = 'paperboy-build-error';
      banner.setAttribute('role', 'alert');
      banner.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;background:#7f1d1d;color:#fff;white-space:pre-wrap;z-index:9999';
      document.body.append(banner);
    }
    banner.textContent = JSON.parse(event.data);
  });
})();</script>`;
}

/**
 * `html` with `script` before its last `</body>` (any case, kept as
 * written), the page's own: an earlier one is inside an attribute's value
 * (a link's title `"</body> ends here"`, which hast-util-to-html writes with
 * its `<` as it is), where the script was put into the title and never ran.
 * `html` as it is when it has none.
 */
function beforeBodyEnd(html: string, script: string): string {
  const end = [...html.matchAll(/<\/body>/gi)].at(-1)?.index;
  return end === undefined ? html : `${html.slice(0, end)}${script}${html.slice(end)}`;
}

export interface DevServer {
  /** The site as last built (`<dataDir>/dev-site`, drafts included). */
  siteDir: string;
  route: ExtraRoute;
  /** An HTML page (the site's not-found page) with the live-reload script before its `</body>`. */
  withLiveReload(html: string): string;
  /** Builds once, then watches (resolved once the watcher is ready); `onBuilt` runs after every successful build. */
  start(onBuilt: () => void): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `serve --dev`: builds the archive (drafts included) into
 * `<dataDir>/dev-site`, never into outDir, so a preview never publishes a
 * draft; watches the issues, the templates, the config and the site's own
 * files (`staticDir`, whose hidden files are not copied), in the folders the
 * config names now (`watchFolders`); after each save
 * rebuilds incrementally (the build cache re-renders only what changed) and
 * tells every open page to reload. `/preview/<number>` shows the email.
 * A failed build is shown on every page until a build succeeds: the pages
 * open then, and any opened or reloaded meanwhile (the site they show is
 * the last one built, older than the files). `log` takes the build lines
 * (`rebuilt in 41 ms`, `build failed: …`), diagnostics for stderr;
 * `unreadTemplates` the templates' unread files (`BuildReport.unreadTemplates`)
 * after the first build and whenever a rebuild finds others, not again on
 * every save.
 */
export function devServer(initial: Config, log: (line: string) => void, unreadTemplates: (problems: readonly TemplateProblem[]) => void): DevServer {
  let config = initial;
  let workspace: Workspace | undefined;
  const siteDir = join(config.dataDir, 'dev-site');
  // From the host: the page may be any folder deep, or a not-found page at any address (the server's base path is fixed at start).
  const script = liveReloadScript(sitePath(initial) + EVENTS_PATH.slice(1));
  const withLiveReload = (html: string) => beforeBodyEnd(html, script);
  const clients = new Set<ServerResponse>();
  /** The last build's error as pages show it, undefined once a build succeeds. */
  let failure: string | undefined;
  /** The watches of the config file, the issues, the templates and the site's own files. */
  let watchers: FSWatcher[] = [];
  const closeWatchers = () => Promise.all(watchers.map((watcher) => watcher.close()));
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> = Promise.resolve();
  /** Issue files saved or deleted since the last build, and whether the config or a template changed. */
  const changed = new Map<string, 'changed' | 'deleted'>();
  let settingsChanged = false;
  /** The unread templates said last, as JSON. */
  let unreadSaid = JSON.stringify([]);

  const broadcast = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  const rebuild = async (onBuilt: () => void): Promise<void> => {
    const started = performance.now();
    const files = [...changed];
    const reloadAll = settingsChanged || !workspace;
    changed.clear();
    settingsChanged = false;
    try {
      if (reloadAll) {
        config = await loadConfig(initial.root);
        sayMovedPath();
        // Before the build: a save in a folder the config names now, while it runs, is not missed.
        await watchFolders();
        // A save of the config after it was read and before its watch was ready has no event: read again, and built again when it differs.
        if (await configChangedSince(initial.root, config)) {
          settingsChanged = true;
          later();
        }
        workspace = await Workspace.loadCached(config);
      } else {
        // Only the saved files are read again: the workspace follows the disk.
        for (const [path, change] of files) {
          if (change === 'deleted') workspace!.forget(path);
          else await workspace!.reload(path);
        }
      }
      const report = await buildSite(config, { outDir: siteDir, drafts: true, cache: true });
      const unread = JSON.stringify(report.unreadTemplates);
      if (unread !== unreadSaid) unreadTemplates(report.unreadTemplates);
      unreadSaid = unread;
      onBuilt();
      failure = undefined;
      log(`rebuilt in ${Math.round(performance.now() - started)} ms`);
      broadcast('reload', Date.now());
    } catch (error) {
      const message = isPaperboyError(error) ? error.message : String((error as Error)?.stack ?? error);
      failure = `paperboy: ${message}`;
      log(`build failed: ${message}`);
      broadcast('failed', failure);
    }
  };

  /** The site's path last said to differ from the one served, if any. */
  let pathSaid = sitePath(initial);
  /**
   * Says, once a save of the config moved `baseUrl`'s path (`/` →
   * `/news/`), that the server still answers under the path it started
   * with: the pages were rebuilt, but `/news/` answered 404 with no word why.
   */
  const sayMovedPath = () => {
    const now = sitePath(config);
    if (now === pathSaid) return;
    pathSaid = now;
    if (now !== sitePath(initial)) log(`baseUrl's path is ${now} now; this server answers under ${sitePath(initial)}, the path it started with: restart it to serve under ${now}`);
  };
  /** What `start` was given; set once it is called (the first build's config is watched once it is done). */
  let built: (() => void) | undefined;
  let stopped = false;
  const later = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // One build at a time, in the order of the saves.
      building = building.then(() => rebuild(built!));
    }, DEBOUNCE_MS);
  };
  /** The folders watched, as JSON: the config's issues, templates and site's own files. */
  let watching = '';
  /** The watch errors said, by code: chokidar reports one for every file it cannot watch. */
  const watchFailuresSaid = new Set<string>();
  const watchFailed = (error: unknown) => {
    // A file made a loop of links: built again as if saved (the build says why it cannot be read), the watch going on.
    const unreadable = unreadableFileOf(error);
    if (unreadable !== undefined) {
      if (isIssueFile(config.issuesDir, unreadable)) changed.set(unreadable, 'changed');
      else settingsChanged = true;
      later();
      return;
    }
    const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? error);
    if (watchFailuresSaid.has(code)) return;
    watchFailuresSaid.add(code);
    log(watchFailure(error, 'saves are not rebuilt'));
  };
  /**
   * Watches what the config names (again when a save of it names other
   * folders: edits in an `issuesDir`, `templatesDir` or `staticDir` set
   * while serving were built once, then never again). Resolves once ready.
   */
  const watchFolders = async () => {
    const folders = JSON.stringify([config.issuesDir, config.templatesDir, config.staticDir]);
    if (stopped || folders === watching) return;
    watching = folders;
    await closeWatchers();
    const settings = watch(join(config.root, CONFIG_FILE), { ignoreInitial: true });
    watchers = [settings];
    settings.on('error', watchFailed);
    const saved = (event: string, path: string) => {
      if (isIssueFile(config.issuesDir, path)) changed.set(path, event === 'unlink' ? 'deleted' : 'changed');
      // An editor's lock or swap file beside the issues (load.ts): no issue changed, nothing to rebuild.
      else if (dirname(path) === config.issuesDir) return;
      else settingsChanged = true;
      later();
    };
    settings.on('all', saved);
    // The issues and templates from their parents (`watchFolder`): a folder removed and made again (a branch switched) is still watched.
    const contents = [config.issuesDir, ...(config.templatesDir ? [config.templatesDir] : [])].map((dir) => watchFolder(dir, () => true, saved, watchFailed));
    // The site's own files: the build reads the folder again (the site's key holds their bytes), nothing else is reloaded.
    // All watching before the server listens: a file saved (a static folder made) right after the start is not missed.
    watchers = await Promise.all([...contents, watchStaticFiles(config.staticDir, config.dataDir, later, watchFailed), new Promise<FSWatcher>((resolve) => settings.once('ready', () => resolve(settings)))]);
  };

  const route: ExtraRoute = async ({ req, res, path, query }) => {
    // The stream and the previews are only read (RFC 9110 §15.5.6), as the site's pages are: they answered any method as GET.
    if ((path === EVENTS_PATH || path === '/preview' || path.startsWith('/preview/')) && req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    if (path === EVENTS_PATH) {
      const head = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' };
      // A HEAD asks for the headers alone: no stream to keep, where the connection was held open for as long as the client liked.
      if (req.method === 'HEAD') {
        res.writeHead(200, head).end();
        return true;
      }
      // Idle between saves, for as long as the page is open: not a stalled client (app.ts IDLE_SOCKET_MS).
      req.socket.setTimeout(0);
      res.writeHead(200, { ...head, Connection: 'keep-alive' });
      res.write(': connected\n\n');
      if (failure !== undefined) res.write(`event: failed\ndata: ${JSON.stringify(failure)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return true;
    }
    if ((path === '/preview' || path.startsWith('/preview/')) && workspace) return previewRoute({ workspace, req, res, path, query, withLiveReload });
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const file = htmlFile(siteDir, path);
    if (!file) return false;
    // An issue's email.html keeps its images under baseUrl: shown here from this server, which holds them.
    const html = withLiveReload(imagesServedFrom(readFileSync(file, 'utf8'), config.baseUrl, mailLinkBase(req, config, true)));
    res.writeHead(200, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html) }).end(html);
    return true;
  };

  return {
    siteDir,
    route,
    withLiveReload,
    async start(onBuilt) {
      built = onBuilt;
      // In the chain of builds: one a save schedules while this one runs (`later`) comes after it.
      building = rebuild(onBuilt);
      await building;
      await watchFolders();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await closeWatchers();
      await building;
      // A rebuild under way may have watched the folders of a config saved meanwhile.
      await closeWatchers();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

/** The HTML file a GET of the dev site answers with (`/x/` → `x/index.html`), if any. */
function htmlFile(siteDir: string, path: string): string | undefined {
  const candidates = path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`];
  for (const candidate of candidates) {
    if (!candidate.endsWith('.html')) continue;
    const file = join(siteDir, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}
