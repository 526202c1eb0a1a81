import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the server accepted. */
interface Received {
  to: string;
  messageId: string;
  raw: Buffer;
}

/** What the server does with one DATA: accept, refuse with a reply, or misbehave. */
type DataBehaviour = 'accept' | 'reset-mid-data' | 'reset-partway' | 'close-after-data' | 'reset-after-data' | 'never-answer' | { code: number; message: string } | { acceptAfterMs: number };

export interface Faults {
  /** The port to listen on (default: a free one), for a behaviour paperboy ties to a port (587 requires STARTTLS). */
  port?: number;
  /** A reply to refuse RCPT TO with (`attempt` counts this address's RCPTs from 1, `inSession` the connection's, this one included). */
  rcpt?(to: string, attempt: number, inSession: number): { code: number; message: string } | 'never-answer' | undefined;
  data?(to: string, attempt: number): DataBehaviour;
  /** A reply to MAIL FROM (e.g. 530 when TLS is required). */
  mailFrom?(session: SMTPServerSession): { code: number; message: string } | undefined;
  /** Require this login; anything else is answered 535. */
  auth?: { user: string; pass: string };
  /** A reply to refuse the `n`th login (from 1) with, the right one too (454 for a relay's trouble). */
  authRefusal?(n: number): { code: number; message: string } | undefined;
  /** Close connections idle for this long, ms. */
  idleTimeoutMs?: number;
  /** A reply to greet connection number `n` (from 1) with instead of 220, closing it. */
  connect?(n: number): { code: number; message: string } | undefined;
  /** Offer STARTTLS (with smtp-server's own self-signed certificate). */
  starttls?: boolean;
  /** Close connection number `n` (from 1) at once, before any greeting: not a word said. */
  dropConnection?(n: number): boolean;
  /** Never greet a connection (a relay stalled before its 220). */
  connectNever?: boolean;
  /** Close each connection right after the 250 to its Nth message (a relay's limit of messages a connection), no 421 said. */
  closeAfterMessages?: number;
  /** The relay's limit on message size, octets, said in its EHLO reply (`SIZE n`, RFC 1870) and held to at the end of DATA (552); 0: none said (no SIZE line). Default 50 MiB. */
  size?: number;
  /** Say `SIZE` with no number (smtp-server's hideSize), the limit still held to. */
  hideSize?: boolean;
  /** Greet a connection opened while this many are open with 421 and close it (a relay's limit of connections a client, Postfix's smtpd_client_connection_count_limit). */
  maxOpenConnections?: number;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: Received[];
  /** For each DATA the server was sent, in order: how many transactions were in DATA at once as it began (itself included). */
  concurrency: number[];
  /** The recipient of each DATA the server was sent, in order: a message that may have arrived began so. */
  dataBegun: string[];
  /** How many copies each Message-ID arrived in. */
  copies(): Map<string, number>;
  /** How many connections the server has been opened. */
  connections(): number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** A real smtp-server on a free local port that misbehaves as `faults` says (RELIABILITY's fault scenarios). */
export async function startSmtpServer(faults: Faults = {}): Promise<TestSmtpServer> {
  const received: Received[] = [];
  const rcptAttempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  const sessionRcpts = new Map<string, number>();
  const sessionMessages = new Map<string, number>();
  let connections = 0;
  // Connections open now (counted for maxOpenConnections only).
  let open = 0;
  let logins = 0;
  const concurrency: number[] = [];
  const dataBegun: string[] = [];
  let inData = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: faults.auth === undefined,
    allowInsecureAuth: true,
    disabledCommands: faults.starttls ? [] : ['STARTTLS'],
    closeTimeout: 100,
    socketTimeout: faults.idleTimeoutMs ?? 60_000,
    logger: false,
    size: faults.size ?? 50 * 1024 * 1024,
    hideSize: faults.hideSize === true,
    rejectOversized: true,
    onConnect(session, callback) {
      connections += 1;
      if (faults.connectNever) return;
      if (faults.maxOpenConnections !== undefined) {
        const socket = socketOf(server, session);
        socket?.once('close', () => open--);
        if (++open > faults.maxOpenConnections) return callback(smtpError(421, '4.7.0 Too many connections from your host, try again later'));
      }
      if (faults.dropConnection?.(connections)) return void socketOf(server, session)?.destroy();
      const refusal = faults.connect?.(connections);
      return callback(refusal ? smtpError(refusal.code, refusal.message) : null);
    },
    onAuth(auth, _session, callback) {
      const refusal = faults.authRefusal?.(++logins);
      if (refusal) return callback(smtpError(refusal.code, refusal.message));
      if (faults.auth && auth.username === faults.auth.user && auth.password === faults.auth.pass) return callback(null, { user: auth.username });
      return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(_address, session, callback) {
      const refusal = faults.mailFrom?.(session);
      return callback(refusal ? smtpError(refusal.code, refusal.message) : null);
    },
    onRcptTo(address, session, callback) {
      const attempt = (rcptAttempts.get(address.address) ?? 0) + 1;
      rcptAttempts.set(address.address, attempt);
      const inSession = (sessionRcpts.get(session.id) ?? 0) + 1;
      sessionRcpts.set(session.id, inSession);
      const refusal = faults.rcpt?.(address.address, attempt, inSession);
      // A relay that hangs on one recipient (a lookup that never returns): the connection waits, no reply.
      if (refusal === 'never-answer') return;
      return callback(refusal ? smtpError(refusal.code, refusal.message) : null);
    },
    onData(stream, session, rawCallback) {
      concurrency.push(++inData);
      let done = false;
      const finished = () => {
        if (!done) inData--;
        done = true;
      };
      // A transaction ends at its reply, or when its connection goes.
      const callback: typeof rawCallback = (...args) => {
        finished();
        rawCallback(...args);
      };
      socketOf(server, session)?.once('close', finished);
      const to = session.envelope.rcptTo[0]?.address ?? '';
      dataBegun.push(to);
      const attempt = (dataAttempts.get(to) ?? 0) + 1;
      dataAttempts.set(to, attempt);
      const behaviour = faults.data?.(to, attempt) ?? 'accept';
      const socket = socketOf(server, session);
      if (behaviour === 'reset-mid-data') {
        // A crash as DATA is taken: smtp-server calls onData before it writes the 354, so nothing of the message went.
        socket?.resetAndDestroy();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A crash with the message half read: the kernel answers the rest with a reset.
      if (behaviour === 'reset-partway') stream.once('data', () => socket?.resetAndDestroy());
      stream.on('end', () => {
        if (behaviour === 'never-answer') return;
        if (behaviour === 'close-after-data') {
          socket?.destroy();
          return;
        }
        if (behaviour === 'reset-after-data') {
          // The whole message read and stored, then a crash before the reply: the peer sees a reset (RST).
          received.push(receivedMessage(to, Buffer.concat(chunks)));
          socket?.resetAndDestroy();
          return;
        }
        const accept = () => {
          received.push(receivedMessage(to, Buffer.concat(chunks)));
          callback(null, `2.0.0 Ok: queued as ${received.length}`);
          const taken = (sessionMessages.get(session.id) ?? 0) + 1;
          sessionMessages.set(session.id, taken);
          if (faults.closeAfterMessages !== undefined && taken % faults.closeAfterMessages === 0) socket?.end();
        };
        // A slow server: the message read whole, the 250 a while later.
        if (typeof behaviour === 'object' && 'acceptAfterMs' in behaviour) return void setTimeout(accept, behaviour.acceptAfterMs);
        if (typeof behaviour === 'object') return callback(smtpError(behaviour.code, behaviour.message));
        accept();
      });
    },
  });
  // Listening on a port taken or refused fails the start; afterwards the server's errors (a client's reset) are no test's concern.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(faults.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    concurrency,
    dataBegun,
    copies() {
      const counts = new Map<string, number>();
      for (const message of received) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
      return counts;
    },
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function receivedMessage(to: string, raw: Buffer): Received {
  const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1').replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
  return { to, messageId, raw };
}

/** The socket of a session (smtp-server keeps its connections in a set). */
function socketOf(server: SMTPServer, session: SMTPServerSession): Socket | undefined {
  const connections = (server as unknown as { connections: Set<{ session: SMTPServerSession; _socket: Socket }> }).connections;
  return [...connections].find((connection) => connection.session === session)?._socket;
}

/**
 * Resolves once `server` has received `count` messages, polled every 2 ms
 * (a test kills a send mid-way at that point), or once `exited` settles
 * (the send ended first), when given.
 */
export function receivedAtLeast(server: Pick<TestSmtpServer, 'received'>, count: number, exited?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (server.received.length >= count) {
        clearInterval(poll);
        resolve();
      }
    }, 2);
    void exited?.then(() => {
      clearInterval(poll);
      resolve();
    });
  });
}
