import { readFileSync } from 'node:fs';

/**
 * File descriptors kept free of connections: the site's files as they are
 * sent (one each while it streams), the database and its WAL, the relay's
 * connection for confirmation emails, the watches of rebuilds, stdio.
 */
const FDS_KEPT = 128;

/** The fewest connections the server takes, however low the limit of open files. */
const MIN_CONNECTIONS = 16;

/**
 * The most connections the server holds at once (`server.maxConnections`;
 * past it Node closes a new connection at once), or undefined when the
 * limit of open files cannot be read (not Linux): no cap, as before.
 *
 * Why: each connection is a file descriptor, and a flood of them (idle
 * sockets, held until the 30 s request deadline) used them all; the server
 * then could open no page, and answered 404 "Page not found" for every page
 * of the archive to every reader, confirmation emails failing too. Below
 * the limit by FDS_KEPT, the readers already connected are served whole and
 * the rest refused at the door, as nginx's `worker_connections` does.
 *
 * `limits` is the text of Linux's /proc/self/limits (proc(5)): its
 * "Max open files" row gives the soft limit (Node raises it to the hard
 * one as it starts), or `unlimited`.
 */
export function connectionLimit(limits: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | undefined {
  let text: string;
  try {
    text = limits();
  } catch {
    return undefined;
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  return soft === undefined ? undefined : Math.max(MIN_CONNECTIONS, Number(soft) - FDS_KEPT);
}
