/*
 * The unsubscribe page's address, apart from the headers (headers.ts): the
 * build's email files link it (archive/issue-output.ts), and a build after
 * one edit then loaded nodemailer's MIME functions for nothing (115 KB of
 * the bundle, ~30 ms of CPU to load here).
 */

/** The one-click unsubscribe page of a recipient (RFC 8058's https target), or the page without a token. */
export function unsubscribeUrl(baseUrl: string, token: string | undefined): string {
  return new URL(token === undefined ? 'unsubscribe' : `unsubscribe?token=${encodeURIComponent(token)}`, baseUrl).href;
}

/**
 * The unsubscribe link of a copy made for nobody in particular (`paperboy
 * render`, `start`): no real token ever reaches a file that may be
 * published. The build's email files, which are published, link the page
 * without a token instead (archive/issue-output.ts), which the server
 * answers with how to leave. Here, not beside `placeholderCopy`, so the
 * build's renderers do not load the MIME composer (nodemailer's, 376 KB).
 */
export function placeholderUnsubscribeUrl(baseUrl: string): string {
  return unsubscribeUrl(baseUrl, 'PLACEHOLDER');
}
