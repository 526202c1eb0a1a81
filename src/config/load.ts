import { isUtf8 } from 'node:buffer';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { Point } from 'unist';
import { PaperboyError } from '../errors.js';
import { MAX_CONFIG_BYTES, readConfigBytes, type ConfigBytes } from './config-bytes.js';
import { fileReadProblem } from '../file-problem.js';
import { ownFile } from '../package-root.js';
import { unknownKeyHint } from '../diagnostics/did-you-mean.js';
import { valueAt } from '../diagnostics/value-at.js';
import { documentData, unresolvedAliases } from '../diagnostics/yaml-aliases.js';
import { duplicateKey } from '../diagnostics/yaml-duplicate-key.js';
import { LineIndex } from '../diagnostics/position.js';
import { locateInYaml } from '../diagnostics/yaml-locate.js';
import { unclosedAt } from '../diagnostics/yaml-unclosed.js';
import { oneLine } from '../diagnostics/one-line.js';
import { MERGE_KEY, MERGE_KEY_MESSAGE } from '../diagnostics/yaml-merge-key.js';
import { misreadKey } from '../diagnostics/yaml-misread-key.js';
import { yamlNestingExcess } from '../diagnostics/yaml-nesting.js';
import { collectionExcessMessage, yamlCollectionExcess } from '../diagnostics/yaml-collection-size.js';
import { configKeysAt, configSchema, DEFAULT_TEMPLATES_DIR, type ConfigFile } from './schema.js';
import { ruleSettingPlaces, ruleSettingProblem, type RuleSettingPlace } from './rule-settings.js';
import { taggedValue } from './tagged-values.js';
import { EXPECTED, firstToReport, schemaMessage } from './schema-problem.js';
import { configYamlMistake } from './yaml-mistake.js';
import { OUT_DIR_EXPECTED, outDirOverlap, type OwnFolders } from './out-dir.js';
import { staticDirProblem } from './static-dir.js';
import { unmakeableFolder } from './unmakeable-folder.js';

export const CONFIG_FILE = 'paperboy.config.yaml';

/** The newsletter's settings, with every directory resolved against the root. */
export interface Config extends ConfigFile {
  root: string;
  /** The config file it came from. */
  file: string;
  /**
   * `baseUrl` as the WHATWG URL parser writes it (host in lower case, no
   * default port: `https://Example.ORG:443/news` → `https://example.org/news/`),
   * as every link made from it (`new URL(path, baseUrl)`) writes it too, so
   * the base a file names is the one its links start with; with a trailing
   * slash, so relative URLs resolve under it.
   */
  baseUrl: string;
  /** `feedIdBase` written as `baseUrl` is (above); undefined when not set, the feeds' ids then made under `baseUrl`. */
  feedIdBase?: string | undefined;
  /**
   * Where each `lint.rules` setting is written (its key, and each value
   * under it): only the linter knows the rules, and it checks the settings
   * after the file is closed.
   */
  ruleSettingPositions: Record<string, RuleSettingPlace>;
}

/**
 * Whether the config at `root` differs now from `config`, which was read
 * before its watch was ready: a save made in between has no event of its
 * own (`preview --watch`, `serve --dev`). A config that no longer loads
 * differs (the reload says why).
 */
export async function configChangedSince(root: string, config: Config): Promise<boolean> {
  const before = JSON.stringify(config);
  return loadConfig(root).then(
    (now) => JSON.stringify(now) !== before,
    () => true,
  );
}

/**
 * The newsletter's config from `<root>/paperboy.config.yaml`. Throws
 * CONFIG_MISSING (exit 2) when the file cannot be read, saying which of
 * the folder and the file is missing and how to start a newsletter, or
 * that it is a named pipe, a device or a socket (never waited on); a
 * configuration error at 1:1 for a file over `MAX_CONFIG_BYTES`, before
 * it is parsed; and a positioned configuration error when it holds a
 * mistake (`parseConfig`), its `templatesDir` names no folder, or its
 * `dataDir` or `outDir` can never be made (under /proc).
 */
export async function loadConfig(root: string): Promise<Config> {
  const dir = resolve(root);
  const file = join(dir, CONFIG_FILE);
  let read: ConfigBytes;
  try {
    read = readConfigBytes(file);
  } catch (error) {
    throw configMissing(dir, file, error as NodeJS.ErrnoException);
  }
  if ('special' in read) {
    throw new PaperboyError('CONFIG_MISSING', `Cannot read ${file}: a ${read.special}, not a regular file`, {
      hint: `Save the config as a regular file in its place: paperboy does not read it from a ${read.special}, which could keep every command waiting.`,
    });
  }
  if ('tooLarge' in read) throw configTooLarge(file, read.tooLarge);
  const text = configText(read.bytes, file);
  const config = parseConfig(text, file);
  checkTemplatesDir(config, text);
  checkFoldersToMake(config, text);
  return config;
}

/**
 * The config's bytes as text. Throws CONFIG_INVALID (exit 2) for a file
 * saved as UTF-16 (its byte-order mark), which would read as keys of
 * stray characters, and for bytes that are not UTF-8 (a file saved as
 * Latin-1), at the first: decoded, each would be U+FFFD, and a name or
 * address with one would go out changed in every email. CRLF and lone CR
 * line ends are read as LF.
 */
function configText(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw configError(file, 1, 1, 'Unexpected UTF-16 text (its byte-order mark), expected UTF-8: save the file as UTF-8');
  }
  const text = bytes.toString('utf8');
  // Line ends as an issue's (issue/source.ts): a lone CR (classic Mac OS, some editors) made the whole file one line, a comment when the first is.
  if (isUtf8(bytes)) return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const at = new LineIndex(text).point(text.indexOf('\uFFFD'));
  throw configError(file, at.line, at.column, 'Unexpected bytes that are not UTF-8 (a file saved as Latin-1 or Windows-1252?), expected UTF-8: save the file as UTF-8');
}

/** A config over `MAX_CONFIG_BYTES` (`size` in bytes; undefined when it grew past the limit while read): CONFIG_INVALID, exit 2, before any of it is parsed. */
function configTooLarge(file: string, size: number | undefined): PaperboyError {
  const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  const found = size === undefined ? `over ${megabytes(MAX_CONFIG_BYTES)}` : `of ${megabytes(size)}`;
  return configError(file, 1, 1, `Unexpected config file ${found}, expected at most ${megabytes(MAX_CONFIG_BYTES)} (paperboy's limit for its config; a whole one is a few KB): look for a value pasted by mistake`);
}

/** Why the config at `file` cannot be read, in the editor's terms: no such folder, no config in it, or the system's reason. */
function configMissing(dir: string, file: string, error: NodeJS.ErrnoException): PaperboyError {
  const where = `Run paperboy in a newsletter directory (one with ${CONFIG_FILE}), or pass --root DIR.`;
  if (error.code !== 'ENOENT') {
    const problem = fileReadProblem(error, file);
    return new PaperboyError('CONFIG_MISSING', `Cannot read ${file}: ${problem.reason}`, { cause: error, hint: `${problem.fix} ${where}` });
  }
  if (!existsSync(dir)) return new PaperboyError('CONFIG_MISSING', `There is no folder ${dir}`, { cause: error, hint: `Pass --root the folder of a newsletter (the one with ${CONFIG_FILE}), or run paperboy in it.` });
  const start = `To start a newsletter there, write ${CONFIG_FILE} with \`name\`, \`baseUrl\`, \`from\` and \`postalAddress\` (${ownFile('docs/config.md')}), then run \`paperboy new\`.`;
  return new PaperboyError('CONFIG_MISSING', `There is no ${CONFIG_FILE} in ${dir}`, { cause: error, hint: `${where} ${start}` });
}

/**
 * The deepest the config's YAML may nest collections, as an issue's
 * frontmatter (issue/limits.ts MAX_NESTING): far past any config, and
 * short of the stack the parser's recursion needs.
 */
const MAX_CONFIG_NESTING = 64;

export function parseConfig(text: string, file: string): Config {
  const lines = new LineIndex(text);
  // Refused before the parse, whose recursion it would exhaust ("Maximum call stack size exceeded").
  const deep = yamlNestingExcess(text, MAX_CONFIG_NESTING);
  if (deep) {
    const at = lines.point(deep.offset);
    throw configError(file, at.line, at.column, `Unexpected YAML nested more than ${MAX_CONFIG_NESTING} levels deep (mappings, sequences and \`[…]\` or \`{…}\` inside each other), expected at most ${MAX_CONFIG_NESTING}: flatten it`);
  }
  const large = yamlCollectionExcess(text);
  if (large) {
    const at = lines.point(large.offset);
    throw configError(file, at.line, at.column, collectionExcessMessage(large.kind));
  }
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError?.code === 'MULTIPLE_DOCS') {
    const at = lines.point(firstError.pos[0]);
    throw configError(file, at.line, at.column, 'Unexpected second YAML document (after a `---` line), expected one mapping of keys: remove the `---` and what follows, or merge it into the keys above');
  }
  const twice = firstError?.code === 'DUPLICATE_KEY' ? duplicateKey(document, firstError.pos[0], (offset) => lines.point(offset).line, text) : undefined;
  if (twice) {
    const at = lines.point(twice.range[0]);
    throw configError(file, at.line, at.column, twice.message);
  }
  if (firstError) {
    const error = { code: firstError.code, message: firstError.message, range: firstError.pos };
    const mistake = configYamlMistake(document, text, error, lines);
    const at = lines.point(mistake?.range[0] ?? unclosedAt(error, text)[0]);
    throw configError(file, at.line, at.column, mistake?.message ?? `Unexpected YAML: ${firstError.message.split('\n')[0]}`);
  }
  // The parser only warns of a tag it does not know (`!!js/function`) and reads the value as if untagged.
  const warning = document.warnings[0];
  if (warning) {
    const at = lines.point(warning.pos[0]);
    const tag = text.slice(warning.pos[0], warning.pos[1]).split(/\s/)[0]!;
    const message =
      warning.code === 'TAG_RESOLVE_FAILED'
        ? `Unexpected YAML tag \`${tag}\`, expected the value without it: the config reads plain text, numbers, lists and mappings`
        : `Unexpected YAML: ${warning.message.split('\n')[0]}`;
    throw configError(file, at.line, at.column, message);
  }
  // yaml throws one error for an alias with no anchor and for an alias bomb: the first is said as what it is.
  const unresolved = unresolvedAliases(document)[0];
  if (unresolved) {
    const at = lines.point(unresolved.range?.[0] ?? 0);
    throw configError(file, at.line, at.column, `Unexpected alias \`*${unresolved.source}\`, expected an anchor \`&${unresolved.source}\` before it`);
  }
  const read = documentData(document);
  if ('aliasBomb' in read) {
    const at = lines.point(read.aliasBomb[0]);
    throw configError(file, at.line, at.column, `Unexpected YAML aliases ${read.excess}, expected each value written out`);
  }
  const data = read.data;
  const tagged = taggedValue(data, document, text);
  if (tagged) {
    const at = lines.point(tagged.offset);
    const name = tagged.path.join('.');
    throw configError(file, at.line, at.column, `Unexpected ${tagged.kind} (\`${tagged.tag}\`) for \`${name}\`, expected ${EXPECTED[tagged.expected] ?? tagged.expected}${tagged.expected === 'string' ? ': write it without the tag' : ''}`);
  }
  const checked = configSchema.safeParse(data);
  if (!checked.success) {
    const issue = firstToReport(checked.error.issues, data);
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const known = configKeysAt(path);
      const here = valueAt(data, path);
      const expected = known ? unknownKeyHint(key, known, here !== null && typeof here === 'object' ? Object.keys(here) : []) : 'expected no other keys here';
      const nameless = misreadKeyAt(document, lines, path, key, known ?? [], expected);
      if (nameless) throw configError(file, nameless.at.line, nameless.at.column, nameless.message);
      const at = locateInYaml(document, [...path, key], 'key', 0, lines).start;
      throw configError(file, at.line, at.column, key === MERGE_KEY ? MERGE_KEY_MESSAGE : `Unexpected key \`${[...path, key].join('.')}\`, ${expected}`);
    }
    if (path.length === 3 && path[0] === 'lint' && path[1] === 'rules') {
      // The severity: the setting, or the first item of its list (where its problem is said), a number quoted as written (`1e30`).
      const setting = valueAt(data, path);
      const severity = locateInYaml(document, [...path, ...(Array.isArray(setting) && setting.length > 0 ? [0] : [])], 'value', 0, lines);
      const problem = ruleSettingProblem(String(path[2]), setting, text.slice(severity.start.offset ?? 0, severity.end.offset ?? 0));
      throw configError(file, severity.start.line, severity.start.column, problem.message);
    }
    const place = locateInYaml(document, path, 'value', 0, lines);
    const received = valueAt(data, path);
    const [start, end] = [place.start.offset ?? 0, place.end.offset ?? 0];
    // A mapping or list is located at its start: its first line as written, for a hint (`-title: B`, an item whose `-` has no space).
    const written = received !== null && typeof received === 'object' ? text.slice(start).split('\n')[0]! : text.slice(start, end);
    throw configError(file, place.start.line, place.start.column, schemaMessage(issue, path, received, written));
  }
  const config = checked.data;
  // `lint.rules` names rules, which the schema leaves to the linter; a key with no name there is no rule's.
  const namelessRule = '' in config.lint.rules ? misreadKeyAt(document, lines, ['lint', 'rules'], '', [], "expected a rule's id before the `:` (`paperboy lint --list-rules` lists them)") : undefined;
  if (namelessRule) throw configError(file, namelessRule.at.line, namelessRule.at.column, namelessRule.message);
  const root = resolve(file, '..');
  const inRoot = (dir: string) => (isAbsolute(dir) ? dir : join(root, dir));
  const folders = { root, issuesDir: inRoot(config.issuesDir), templatesDir: inRoot(config.templatesDir), staticDir: inRoot(config.staticDir), dataDir: inRoot(config.dataDir) };
  const outDir = inRoot(config.outDir);
  checkOutDir(outDir, folders, document, lines, file);
  const staticProblem = staticDirProblem(folders);
  if (staticProblem) {
    const at = locateInYaml(document, [document.has('staticDir') ? 'staticDir' : staticProblem.key], 'value', 0, lines).start;
    throw configError(file, at.line, at.column, `Unexpected value for \`staticDir\`: ${staticProblem.problem}, expected a folder of the site's files alone, such as \`static\``);
  }
  return {
    ...config,
    ...folders,
    file,
    baseUrl: withTrailingSlash(new URL(config.baseUrl).href),
    feedIdBase: config.feedIdBase === undefined ? undefined : withTrailingSlash(new URL(config.feedIdBase).href),
    outDir,
    ruleSettingPositions: ruleSettingPlaces(document, text, lines, config.lint.rules),
  };
}

/**
 * The unknown `key` of the mapping at `path` (which takes `known`) when YAML
 * misread what was written (diagnostics/yaml-misread-key.ts): a key with no
 * name (`: x`, `~: x`), which the data calls ``, or a list item with no
 * space after its `-` (`-title: B`), named by what was written and where
 * (`lines`: the config's text), as in an issue's frontmatter: "Unexpected
 * `: x` with no key before the `:`, …". `expected` ends the message
 * ("expected one of `rate`, `concurrency`") unless what was written says
 * what to do instead. Undefined for a key written as meant.
 */
function misreadKeyAt(document: Document.Parsed, lines: LineIndex, path: readonly (string | number)[], key: string, known: readonly string[], expected: string): { message: string; at: Point } | undefined {
  const nameless = misreadKey(document.getIn(path, true), key, lines.text, known, [...path, key].join('.'));
  return nameless && { message: `${nameless.said}, ${nameless.expected === undefined ? expected : `expected ${nameless.expected}`}`, at: lines.point(nameless.range[0]) };
}

/**
 * `templatesDir` names a folder: set to a missing one (a typo,
 * `my-templats`), it would drop every override in silence, and a file in
 * its place failed every command that reads the templates. The default,
 * `templates`, may be missing (the built-in templates alone), written or
 * not (docs/config.md's example writes every default), not a file.
 * Throws CONFIG_INVALID (exit 2) at the key's value, or naming the default
 * folder when the key is not written.
 */
function checkTemplatesDir(config: Config, text: string): void {
  const { templatesDir: dir, file } = config;
  const optional = dir === join(config.root, DEFAULT_TEMPLATES_DIR);
  let problem: string;
  try {
    if (statSync(dir).isDirectory()) return;
    problem = `${dir} is a file`;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    problem = code === 'ENOENT' || code === 'ENOTDIR' ? `there is no folder ${dir}` : `${dir} cannot be read (${message})`;
  }
  if (optional && problem.startsWith('there is no folder')) return;
  const document = parseDocument(text);
  if (!document.has('templatesDir')) {
    throw new PaperboyError('CONFIG_INVALID', oneLine(`${file}: Unexpected templates folder: ${problem}, expected a folder of template overrides (\`templatesDir\`, by default \`templates\`)`), {
      hint: 'Move the file away, or set `templatesDir` in the config to the folder of your templates.',
    });
  }
  const at = locateInYaml(document, ['templatesDir'], 'value', 0, new LineIndex(text)).start;
  throw new PaperboyError('CONFIG_INVALID', oneLine(`${file}:${at.line}:${at.column}: Unexpected value for \`templatesDir\`: ${problem}, expected the folder of the newsletter's template overrides`), {
    hint: `Correct the path (relative to the folder of paperboy.config.yaml), create the folder, or remove \`templatesDir\` to use the built-in templates alone; ${ownFile('docs/outputs.md')} says how overrides work.`,
  });
}

/**
 * `dataDir` and `outDir` are folders that are there or can be made
 * (unmakeable-folder.ts): under /proc, every command would stop at its
 * first write in `dataDir`, and `build` at its first in `outDir`. Throws
 * CONFIG_INVALID (exit 2) at the key's value, before any command starts.
 */
function checkFoldersToMake(config: Config, text: string): void {
  for (const key of ['dataDir', 'outDir'] as const) {
    const problem = unmakeableFolder(config[key]);
    if (problem === undefined) continue;
    const document = parseDocument(text);
    const message = `Unexpected value for \`${key}\`: ${problem}, expected a folder paperboy may make and write, such as \`${key === 'dataDir' ? '.paperboy' : 'dist'}\``;
    if (!document.has(key)) throw new PaperboyError('CONFIG_INVALID', oneLine(`${config.file}: ${message}`), { hint: `Set \`${key}\` in ${CONFIG_FILE} to a folder of its own.` });
    const at = locateInYaml(document, [key], 'value', 0, new LineIndex(text)).start;
    throw configError(config.file, at.line, at.column, message);
  }
}

/**
 * Throws CONFIG_INVALID (exit 2) when `outDir` overlaps the newsletter's
 * own folders (out-dir.ts `outDirOverlap`), at the value of `outDir` when
 * it is written, else of the key it overlaps (`dataDir: dist/data` under
 * the default `dist`).
 */
function checkOutDir(outDir: string, folders: OwnFolders, document: Document.Parsed, lines: LineIndex, file: string): void {
  const overlap = outDirOverlap(outDir, folders);
  if (!overlap) return;
  const key = document.has('outDir') || overlap.key === 'root' || !document.has(overlap.key) ? 'outDir' : overlap.key;
  const message = `Unexpected value for \`${key}\`: the build folder \`outDir\` (${outDir}) overlaps the newsletter's own files: ${overlap.problem}, ${OUT_DIR_EXPECTED}`;
  if (!document.has(key)) throw new PaperboyError('CONFIG_INVALID', oneLine(`${file}: ${message}`), { hint: `Set \`outDir\` in ${CONFIG_FILE} to a folder of its own.` });
  const at = locateInYaml(document, [key], 'value', 0, lines).start;
  throw configError(file, at.line, at.column, message);
}

/**
 * A config problem at `line`:`column` (exit 2), on one line whatever value
 * it quotes (a `\r\n` in a quoted `from:` is shown `⏎`), with the hint
 * every config error ends with: fix the file, and where its keys (or
 * `docs`, another page: the lint rules' options) are described.
 */
export function configError(file: string, line: number, column: number, message: string, docs = `${ownFile('docs/config.md')} lists every key with its type, default and an example`): PaperboyError {
  return new PaperboyError('CONFIG_INVALID', `${file}:${line}:${column}: ${oneLine(message)}`, { hint: `Fix ${CONFIG_FILE}; ${docs}.` });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
