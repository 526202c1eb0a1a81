import { z } from 'zod';
import { parseMailbox, type Mailbox } from './address.js';
import { joinSectionPath, SECTION_SEPARATOR, splitSectionPath } from './section-path.js';
import { asciiDomainName } from './domain-name.js';
import { SEVERITY_WORDS } from './rule-settings.js';
import { canonicalLanguage, DEFAULT_LANGUAGE } from './language.js';
import { wordsSchema } from './words.js';
import { CONTROL_CHARACTER, describeCharacter } from '../diagnostics/control-characters.js';

/** `off`/`warn`/`error` (or ESLint's 0/1/2), alone or with the rule's options. */
const severity = z.union([z.enum(SEVERITY_WORDS), z.literal(0), z.literal(1), z.literal(2)]);
// A setting that is neither is worded by rule-settings.ts `ruleSettingProblem`, from the value written.
const ruleSetting = z.union([severity, z.tuple([severity], z.unknown())]);

/** An RFC 5322 mailbox, read once here by nodemailer's parser (see address.ts) and kept as `{ name, address }`. */
const mailbox = (key: string) =>
  z.string().transform((value, context): Mailbox => {
    const result = parseMailbox(value.trim(), key);
    if ('problem' in result) {
      context.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    }
    return result.mailbox;
  });

/**
 * A DNS name kept as its ASCII form (domain-name.ts): it goes into the
 * DKIM-Signature header and names the DNS record of the key, so a space,
 * a line break or a `;` would make a signature nobody can verify, or a
 * header of its own.
 */
const domainName = (key: string) =>
  z.string().transform((value, context): string => {
    const result = asciiDomainName(value.trim());
    if ('problem' in result) {
      // eslint-disable-next-line no-control-regex
      const shown = /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `\`${value}\``;
      context.addIssue({ code: 'custom', message: `Unexpected ${shown} for \`${key}\`: ${result.problem}` });
      return z.NEVER;
    }
    return result.ascii;
  });

/**
 * Text of the config a reader sees (the name, description, postal address,
 * section headings) is printable: it reaches every email, page, feed and
 * terminal as written, where an ESC or a BEL would drive a terminal and
 * makes a feed invalid XML (XML 1.0 § 2.2 `Char` excludes C0 controls but
 * tab, line feed and carriage return). Issue text has them replaced by
 * U+FFFD, as a paste may bring them unseen; config text is written once,
 * by hand, so one is refused at its place, as in `from`'s display name.
 * Tab and line feed (a `|` block's lines) are text.
 */
const printable = (key: string) => (value: string, context: z.RefinementCtx) => {
  const control = new RegExp(CONTROL_CHARACTER.source).exec(value)?.[0];
  if (control !== undefined) {
    context.addIssue({ code: 'custom', message: `Unexpected ${describeCharacter(control)} in \`${key}\`, expected printable text: it would reach every email, page and feed as it is (a YAML escape such as \`"\\e"\` or \`"\\a"\` writes one)` });
  }
};

/** Where a newsletter's template overrides are by default: the one such folder that may be missing (load.ts). */
export const DEFAULT_TEMPLATES_DIR = 'templates';

/** `digest.example.org/news` as the https URL it was meant as, when it reads as one (a host with a dot, no scheme): the fix a baseUrl without a scheme is offered. */
function withScheme(input: unknown): string | undefined {
  if (typeof input !== 'string' || /^[a-z][a-z\d+.-]*:/i.test(input) || !URL.canParse(`https://${input}`)) return undefined;
  const url = new URL(`https://${input}`);
  return url.hostname.includes('.') && url.search === '' && url.hash === '' ? url.href : undefined;
}

/**
 * An absolute http(s) URL every link of a kind is made from by adding a path
 * (`baseUrl`, `feedIdBase`): no query or fragment (the path would land in
 * it), no user name or password (`carried`: who would be sent it), no `%`
 * that begins no escape. Normalized by load.ts (`withTrailingSlash`).
 */
const siteUrl = (key: string, carried: string) =>
  z
    // Only the URL's own check gets these words (zod's were "Invalid URL"); the length check keeps zod's.
    .url({ protocol: /^https?$/, error: (issue) => (issue.code === 'invalid_format' ? `expected an absolute http(s) URL, such as \`${withScheme(issue.input) ?? 'https://newsletter.example.org/'}\`` : undefined) })
    .max(500)
    .superRefine((value, context) => {
      // Links are made by appending a path (`issues/3/`): after `?x=1` or `#top` it would land in the query or fragment.
      const at = value.search(/[?#]/);
      if (at !== -1) {
        context.addIssue({
          code: 'custom',
          message: `Unexpected \`${value.slice(at)}\` at the end of \`${key}\`, expected the URL without it, as in \`${value.slice(0, at)}\`: a base URL cannot have a query or fragment, every link is made by adding a path to it`,
        });
        return;
      }
      // Not a URL at all: `.url()` has said so.
      if (!URL.canParse(value)) return;
      // Every email carries the base URL to every subscriber: a user name or password in it would go out with each.
      const url = new URL(value);
      if (url.username !== '' || url.password !== '') {
        const bare = `${url.protocol}//${url.host}${url.pathname}`;
        context.addIssue({
          code: 'custom',
          message: `Unexpected user name or password in \`${key}\`, expected the URL without it, as in \`${bare}\`: ${carried}`,
        });
        return;
      }
      // A `%` not followed by two hex digits (`%zz`) is no escape: a browser keeps it as it is, and no server has the path it means.
      const broken = /%(?![0-9a-f]{2})/i.exec(url.pathname);
      if (broken) context.addIssue({ code: 'custom', message: `Unexpected \`%\` in \`${key}\` not followed by two hex digits, expected a percent-escape such as \`%20\`, or \`%25\` for a percent sign` });
    });

/**
 * A web origin (RFC 6454: scheme, host and port), as a browser's `Origin`
 * header names a page: `https://blog.example.org`, or with a port. Written
 * with a trailing `/` it is read without it; kept as the URL parser
 * serializes it (host in lower case, no default port), as browsers send it.
 * A path, query, fragment, user name, `*` or another scheme is refused:
 * `Origin` carries none of them, so such an entry would allow nothing.
 */
const webOrigin = (key: string) =>
  z.string().transform((value, context): string => {
    const text = value.trim();
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (url && /^https?:$/.test(url.protocol) && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '' && !text.includes('?') && !text.includes('#')) return url.origin;
    const shown = url && /^https?:$/.test(url.protocol) ? `\`${url.origin}\`` : '`https://blog.example.org`';
    context.addIssue({
      code: 'custom',
      message: `Unexpected \`${text}\` in \`${key}\`, expected an origin (a scheme and a host, and a port if not the usual one), such as ${shown}: a browser says which page sent a form by its origin alone, with no path or wildcard`,
    });
    return z.NEVER;
  });

/** At most this many confirmation emails an hour by default: far over a newsletter's busiest launch, far under what ruins a sender's reputation. */
const DEFAULT_CONFIRMATIONS_PER_HOUR = 500;

export const configSchema = z.strictObject({
  name: z.string().trim().min(1).superRefine(printable('name')),
  description: z.string().superRefine(printable('description')).optional(),
  // Every link of an email starts with it, on lines no fold can split (the
  // plaintext's, List-Unsubscribe): 500 leaves room for a path and a token in 998 octets.
  baseUrl: siteUrl('baseUrl', 'every email would send it to every subscriber'),
  // The baseUrl the feeds' entry ids are made under, when it is not baseUrl: the old one after a move, so feed readers keep each entry (feeds.ts).
  feedIdBase: siteUrl('feedIdBase', 'every feed would show it to every reader').optional(),
  from: mailbox('from'),
  replyTo: mailbox('replyTo').optional(),
  postalAddress: z.string().trim().min(1).superRefine(printable('postalAddress')),
  // The language every page, email and feed declares (language.ts), as its canonical BCP 47 tag.
  language: z
    .string()
    .transform((value, context): string => {
      const result = canonicalLanguage(value.trim());
      if ('tag' in result) return result.tag;
      context.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    })
    .default(DEFAULT_LANGUAGE),
  // paperboy's own words in the pages and emails, in the newsletter's language (words.ts); absent, English as before.
  words: wordsSchema.optional(),
  listAddress: mailbox('listAddress').optional(),
  issuesDir: z.string().min(1).default('issues'),
  templatesDir: z.string().min(1).default(DEFAULT_TEMPLATES_DIR),
  staticDir: z.string().min(1).default('static'),
  outDir: z.string().min(1).default('dist'),
  dataDir: z.string().min(1).default('.paperboy'),
  send: z
    .strictObject({
      // Messages a second; 0 is no limit, as `send --rate 0` is.
      rate: z.number().nonnegative().default(20),
      concurrency: z.number().int().positive().max(100).default(5),
    })
    .default({ rate: 20, concurrency: 5 }),
  sections: z
    .array(z.string().trim().min(1).superRefine(printable('sections')))
    .superRefine((sections, context) => {
      // A section path (`Technical alignment / Interpretability`) listed twice would order its papers by the first place alone; a level left empty names no heading.
      const seen = new Set<string>();
      for (const [index, section] of sections.entries()) {
        // Padded: the trim took the space of a separator at either end (`' / a'` is `/ a`).
        if (` ${section} `.split(SECTION_SEPARATOR).some((level) => level.trim() === '')) {
          context.addIssue({ code: 'custom', path: [index], message: `Unexpected section \`${section}\` with an empty level, expected headings between its \` / \`s, such as \`Technical alignment / Interpretability\`` });
          continue;
        }
        const path = joinSectionPath(splitSectionPath(section));
        if (seen.has(path)) context.addIssue({ code: 'custom', path: [index], message: `Unexpected section \`${section}\` listed twice in \`sections\`, expected each section once` });
        seen.add(path);
      }
    })
    .optional(),
  // How much of an author list an email shows; the archive page shows every name.
  email: z
    .strictObject({
      maxAuthors: z.number().int().min(1).default(6),
    })
    .default({ maxAuthors: 6 }),
  lint: z.strictObject({ rules: z.record(z.string(), ruleSetting).default({}) }).default({ rules: {} }),
  // The subscription form's endpoint (server/subscription-routes.ts): the other pages allowed to post it, and the confirmation emails an hour.
  subscribe: z
    .strictObject({
      allowedOrigins: z.array(webOrigin('subscribe.allowedOrigins')).default([]),
      confirmationsPerHour: z.number().int().positive().default(DEFAULT_CONFIRMATIONS_PER_HOUR),
    })
    .default({ allowedOrigins: [], confirmationsPerHour: DEFAULT_CONFIRMATIONS_PER_HOUR }),
  // RFC 6376 §3.1: `d=` is a domain, `s=` sub-domain labels (`mail`, `2024.mail`).
  dkim: z.strictObject({ domainName: domainName('dkim.domainName'), keySelector: domainName('dkim.keySelector') }).optional(),
});

export type ConfigFile = z.output<typeof configSchema>;
export type RuleSetting = z.output<typeof ruleSetting>;

/**
 * The keys the config allows in the mapping at `path` (`[]` the top level,
 * `['send']`), for a "did you mean"; undefined where the keys are not fixed
 * (`lint.rules`, which names rules).
 */
export function configKeysAt(path: readonly (string | number)[]): string[] | undefined {
  let schema: z.ZodType | undefined = configSchema;
  for (const part of path) schema = typeof part === 'string' ? shapeOf(schema)?.[part] : undefined;
  const shape = shapeOf(schema);
  return shape && Object.keys(shape);
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}
