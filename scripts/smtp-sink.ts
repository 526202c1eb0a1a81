/**
 * An SMTP server that accepts every message and discards it, for the send
 * benchmark: run in its own process so its CPU is not the sender's.
 * Prints `port <n>` on stdout when listening, then the count of messages on
 * every `count` line it reads on stdin; SIGTERM ends it.
 *
 *     node --import tsx scripts/smtp-sink.ts
 */
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let messages = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 50 * 1024 * 1024,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      messages++;
      callback(null, 'Ok: discarded');
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.server.address() as AddressInfo).port}\n`);
});
createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`count ${messages}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
