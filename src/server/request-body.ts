import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** An answer to a request that cannot be served as asked: its status and a message for the page. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The most a form or JSON body may hold, in bytes: a subscription or an unsubscribe is a few dozen. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The fields of a POST body: `application/x-www-form-urlencoded`,
 * `multipart/form-data` (RFC 8058 allows either for one-click unsubscribe;
 * parsed by busboy, files dropped) or a JSON object of strings.
 * Throws HttpError 413 past MAX_BODY_BYTES, 415 for another content type,
 * 400 for a body that does not parse.
 */
export async function readFields(req: IncomingMessage): Promise<Map<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') return readMultipart(req);
  const body = await readBody(req);
  if (type === 'application/x-www-form-urlencoded' || type === '') return new Map(new URLSearchParams(body.toString('utf8')));
  if (type === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The request body is not a JSON object.');
    return new Map(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  throw new HttpError(415, `Unexpected content type ${type}, expected a form or JSON.`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function readMultipart(req: IncomingMessage): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_BODY_BYTES, fields: 32, files: 0, parts: 32 } });
    } catch {
      reject(new HttpError(400, 'The multipart body has no boundary.'));
      return;
    }
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.unpipe(parser);
        reject(new HttpError(413, 'The request body is too large.'));
      }
    });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('error', () => reject(new HttpError(400, 'The multipart body does not parse.')));
    parser.on('close', () => resolve(fields));
    req.pipe(parser);
  });
}
