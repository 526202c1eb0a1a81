/** The addresses the server answers under baseUrl's path besides the site's files (app.ts). */
const LIST_ADDRESSES: ReadonlySet<string> = new Set(['/subscribe', '/confirm', '/unsubscribe']);

/**
 * The stderr line for a request outside baseUrl's path (`base`, `/news/`)
 * that the server would answer under it: `GET /issues/3/` while
 * `/news/issues/3/` is a page of the site (`serves`, given the decoded path
 * under `base`), or `POST /subscribe`. Such requests come through a proxy
 * that takes the path off before passing them on (nginx's `proxy_pass`
 * with a `/` after the port, Caddy's `handle_path`): every page and the
 * form are then a 404 that says nothing of why (docs/guide.md,
 * "Deploying"). Undefined for a request no path under `base` answers (a
 * page that is not there, a scanner's `/wp-login.php`) and for `raw` not
 * percent-decodable. `raw`: the request's path, not under `base`, already
 * checked safe (static-site.ts `isUnsafePath`).
 */
export function outsideBaseNotice(method: string, raw: string, base: string, serves: (decoded: string) => boolean): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const what = LIST_ADDRESSES.has(decoded) ? 'an address of the list' : serves(decoded) ? 'a page of the site' : undefined;
  if (what === undefined) return undefined;
  const path = base.slice(0, -1);
  const asked = `${method} ${raw.slice(0, 200)}`;
  return `${asked}: not found (404): outside baseUrl's path ${base}, under which everything is served; ${path}${raw.slice(0, 200)} is ${what}. If a proxy in front takes ${path} off the path before passing a request on (nginx's \`proxy_pass\` with a / after the port, Caddy's \`handle_path\`), make it pass the path as it came (docs/guide.md, "Deploying"). Said once an hour`;
}
