import { z } from 'zod';
import { languageApart, PAPERBOY_WORDS_LANGUAGE } from './language.js';
import { CONTROL_CHARACTER, describeCharacter } from '../diagnostics/control-characters.js';

/**
 * paperboy's own words in the newsletter's pages and emails ("Summarized
 * by", "Unsubscribe", the papers page's filters and its script's
 * messages), each under a key of the config's `words:`, which translates
 * them. The defaults are the English words every output had before the key
 * existed, byte for byte. A `{name}` in a word is a placeholder the
 * template fills (`Issue #{number}`): a translation keeps each of its
 * word's, in the place its language needs. A pair `…One`/`…Other` is one
 * phrase counted: `Intl.PluralRules` of the newsletter's `language` picks
 * (CLDR's plural categories: `one` for 1 in English and German, none in
 * Chinese). docs/config.md lists them all.
 */
export const DEFAULT_WORDS = {
  // Emails and issue pages
  highlights: 'Highlights',
  otherPapers: 'Other papers',
  reviewersThanks: 'Thanks to {names} for reviewing this issue.',
  date: '{day} {month} {year}',
  january: 'January',
  february: 'February',
  march: 'March',
  april: 'April',
  may: 'May',
  june: 'June',
  july: 'July',
  august: 'August',
  september: 'September',
  october: 'October',
  november: 'November',
  december: 'December',
  viewInBrowser: 'View in browser',
  viewInYourBrowser: 'View in your browser',
  issueNumber: 'Issue #{number}',
  editedBy: 'Edited by {name}',
  summarizedBy: 'Summarized by {name}',
  prerequisites: 'Prerequisites',
  opinion: 'Opinion',
  hatTip: 'H/T {name}',
  notes: 'Notes',
  backToReference: 'Back to reference {number}',
  subscribedBecause: 'You receive {name} because you subscribed to it.',
  unsubscribe: 'Unsubscribe',
  archive: 'Archive',
  // The plaintext email and the terminal preview: an image, as `[image: its alt text]` (the HTML shows the image)
  image: 'image',
  // Every page
  skipToContent: 'Skip to content',
  siteNavigation: 'Site',
  papers: 'Papers',
  tags: 'Tags',
  authors: 'Authors',
  feeds: 'Feeds',
  data: 'Data',
  // The home page
  subscribeLabel: 'Get each issue by email',
  leaveEmpty: 'Leave this empty',
  subscribe: 'Subscribe',
  issues: 'Issues',
  paperCountOne: '{count} paper',
  paperCountOther: '{count} papers',
  // An issue's page
  alsoCoveredIn: 'Also covered in',
  issueSummaryOfPaper: 'Issue #{number}, its summary of this paper',
  allAboutPaper: 'All about this paper',
  allAboutPaperTitled: 'All about this paper: {title}',
  issueAsEmail: 'This issue as an email:',
  htmlEmail: 'HTML email',
  plaintextEmail: 'Plaintext email',
  plaintext: 'plaintext',
  previousAndNext: 'Previous and next issues',
  // A paper's page
  published: 'Published',
  link: 'Link',
  inIssue: 'In',
  copyBibtex: 'Copy BibTeX',
  copied: 'Copied.',
  copySelected: 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  // The papers pages, their search form and its script (papers.js)
  searchSummaries: 'Search summaries and opinions',
  tag: 'Tag',
  section: 'Section',
  year: 'Year',
  author: 'Author',
  any: 'Any',
  search: 'Search',
  paper: 'Paper',
  issue: 'Issue',
  searching: 'Searching…',
  searchFailed: 'Search failed: {error}',
  noMatch: 'No paper matches',
  matchesOne: '{count} paper matches',
  matchesOther: '{count} papers match',
  firstShown: '; the first {count} are shown',
  noMatchWordsAndFilters: 'No paper matches: none has every word searched for and passes the filters chosen. Fewer words or filters find more.',
  noMatchWords: 'No paper matches: none has every word searched for. Fewer words find more.',
  noMatchFilters: 'No paper matches the filters chosen. Fewer filters find more.',
  showMore: 'Show {count} more',
  soFar: '{matches} so far; searching the other years…',
  resultIn: 'in',
  // The papers pages' headings, titles, leads and captions (archive/pages.ts)
  issueCountOne: '{count} issue',
  issueCountOther: '{count} issues',
  papersFromIssues: '{papers} from {issues}',
  searchLead: '{counts}. Pick a year, or search and filter them all.',
  yearsLead: '{counts}. Pick a year.',
  everyPaper: 'Every paper we summarized',
  papersFromYear: 'Papers from {year}',
  papersWithoutYear: 'Papers without a year',
  countFromYear: '{papers} from {year}',
  countWithoutYear: '{papers} without a year',
  pagesOfPapersFromYear: 'Pages of the papers from {year}',
  pagesOfPapersWithoutYear: 'Pages of the papers without a year',
  papersByYear: 'Papers by year',
  noYear: 'No year',
  noSection: 'No section',
  pageOfPages: '{title} (page {number} of {count})',
  pages: 'Pages',
  papersTagged: 'Papers tagged “{tag}”',
  papersBy: 'Papers by {name}',
  moreAuthorsOne: '{count} more author',
  moreAuthorsOther: '{count} more authors',
  // `paperboy papers search`, its output for a person (its --json keys stay English); with `matchesOne`/`matchesOther`
  moreWithLimit: '; {count} more with --limit',
  noPublishedMatch: 'No published paper matches {query}.',
  notPublishedInDraftsOne: 'Not published yet, in a draft:',
  notPublishedInDraftsOther: 'Not published yet, in drafts:',
  coveredAgainInDraftsOne: 'Covered before, again in a draft:',
  coveredAgainInDraftsOther: 'Covered before, again in drafts:',
  draftNumber: 'draft #{number}',
  draftUnnumbered: 'draft',
  noTitleYet: '(no title yet)',
  // The server's pages (paperboy serve) and the confirmation email
  backTo: 'Back to {name}',
  subscribeTo: 'Subscribe to {name}',
  subscribeOnHomePage: 'To subscribe, enter your email address in the form on the home page: we then send you a link to confirm it.',
  checkInbox: 'Check your inbox',
  checkInboxForLink: 'Check your inbox for a confirmation link.',
  confirmationOnItsWay: 'If the address can receive the newsletter, a confirmation link is on its way to it. The subscription starts when you follow the link.',
  confirmLinkInvalid: 'This confirmation link is not valid',
  subscribeAgain: 'Subscribe again with the form on the home page.',
  confirmLinkExpired: 'This confirmation link has expired',
  linksLastTwoDays: 'Links work for two days: subscribe again with the form on the home page.',
  confirmQuestion: 'Subscribe to {name}?',
  confirmBelow: 'Someone asked for this address to receive the newsletter. If it was you, confirm below; if not, close this page and nothing happens.',
  confirmButton: 'Confirm my subscription',
  newerLinkSent: 'A newer confirmation link was sent',
  useLatestLink: 'Use the link of the latest confirmation email, or subscribe again.',
  alreadySubscribed: 'You are already subscribed',
  linkUsedBefore: 'This link was used before: {name} is on its way to you.',
  confirmLinkUsed: 'This confirmation link was used before',
  leftSince: 'You have left the list since: to subscribe again, use the form on the home page.',
  subscribed: 'You are subscribed',
  nextIssueReaches: 'The next issue of {name} will reach you by email.',
  unsubscribeLinkInvalid: 'This unsubscribe link is not valid',
  useLatestUnsubscribeLink: 'Use the unsubscribe link at the bottom of the latest issue, or reply to it and ask to be removed.',
  unsubscribeQuestion: 'Unsubscribe from {name}?',
  noMoreIssues: 'You will receive no more issues. The archive stays open to everyone.',
  pressToUnsubscribe: 'Nothing has changed yet: press the button below to unsubscribe.',
  unsubscribeFrom: 'Unsubscribe from {name}',
  unsubscribeOwnLink: 'If you subscribed on this site, use the unsubscribe link at the bottom of your copy of any issue: it is yours alone and takes one click.',
  unsubscribeThroughList: 'If {name} reaches you through the mailing list {address}, leave it the way that list offers: most lists add an unsubscribe link to every message they pass on (at its end, or as the unsubscribe button your mail program shows).',
  replyToBeRemoved: 'Or reply to an issue and ask to be removed.',
  unsubscribed: 'You are unsubscribed',
  alreadyUnsubscribed: 'You are already unsubscribed',
  noMoreEmail: '{name} will not email you again.',
  pageNotFound: 'Page not found',
  nothingHere: 'There is nothing at this address.',
  somethingWentWrong: 'Something went wrong',
  thatDidNotWork: 'That did not work',
  confirmEmailSubject: 'Confirm your subscription to {name}',
  confirmEmailAsk: 'Please confirm that you want to receive {name} by email',
  confirmEmailLinkLasts: 'The link works for two days. If you did not ask for this, ignore this message: you will receive nothing more.',
  // The server's refusals (server/public-messages.ts): the page of a 400, 403, 413, 415, 429, 501 or 503, and a script's JSON `error`
  enterEmail: 'Please enter your email address.',
  addressHasSpace: "This address can't be used: it has a space in it. Please type it again without spaces.",
  addressHasNoAt: "This address can't be used: it has no @. Please enter your whole email address, such as reader@example.org.",
  addressHasSeveralAt: "This address can't be used: it has more than one @. Please enter one email address, such as reader@example.org.",
  addressHasNothingBeforeAt: "This address can't be used: there is nothing before the @. Please enter your whole email address, such as reader@example.org.",
  addressHasNothingAfterAt: "This address can't be used: there is nothing after the @. Please enter your whole email address, such as reader@example.org.",
  addressHasDots: "This address can't be used: it has two dots in a row, or a dot at its start, at its end or next to the @. Please check it for typing mistakes.",
  addressTooLong: "This address can't be used: it is {length} characters long, and an email address has at most {max}. Please check it, or use another address.",
  addressLocalPartTooLong: "This address can't be used: its part before the @ is {length} characters long, and mail servers take at most {max} there. Please check it, or use another address.",
  addressHasCharacter: "This address can't be used: it has “{character}” in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.",
  addressHasControlCharacter: "This address can't be used: it has an invisible control character in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.",
  addressHasInvisibleCharacter: "This address can't be used: it has an invisible character (it may have been copied with the address) in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.",
  addressDomainNotWhole: "This address can't be used: the part after the @, “{domain}”, is not a whole domain name. Please enter it with its ending, such as example.org.",
  addressDomainInvalid: "This address can't be used: the part after the @, “{domain}”, is not a domain name mail can be sent to. Please check it for typing mistakes.",
  addressLocalPartNotAscii: "This address can't be used: its part before the @, “{local}”, has “{character}” in it, and we can only send to addresses with the letters a to z (without accents), digits and signs such as . - _ + before the @. Please use another address.",
  nameTooLong: 'This name is too long: it has {length} characters, and at most {max} fit. Please shorten it.',
  requestUnreadable: 'This request could not be read. Please go back to the page you came from and try again.',
  requestTooLarge: 'This request is too large to be read. Please go back to the page you came from and try again.',
  fieldNotText: 'This request could not be read: its field “{field}” does not hold one piece of text. Please go back to the page you came from and try again.',
  fieldNotReadable: 'This request could not be read: its field “{field}” did not arrive as text this site can read (UTF-8). Please write it without accented letters or symbols, or try again from another page or browser.',
  crossSiteForm: 'This request to subscribe came from a page on another website, so nothing was done and no email was sent. To subscribe to {name}, use the form on its own site.',
  tooManyRequests: 'Too many requests to subscribe came from your network in the last few minutes. Please try again in {wait}.',
  confirmationsPaused: 'Many people are subscribing right now, so sending confirmation emails is paused for a while. Nothing was stored: please try again in {wait}.',
  minutesOne: 'a minute',
  minutesOther: '{count} minutes',
  serverFailed: 'Something went wrong on our side; nothing was changed. Please try again later.',
  subscribersBusy: 'The subscriber list is busy right now; nothing was changed. Please try again in a moment.',
  siteBusy: 'This site is very busy right now. Please try again in a moment.',
} as const;

/** The key of one of paperboy's words (`DEFAULT_WORDS`). */
export type WordKey = keyof typeof DEFAULT_WORDS;

/** Every word: the config's translation, else the English default. */
export type Words = Record<WordKey, string>;

/** What the config's `words:` holds: a translation for some keys. */
export type WordsSetting = Partial<Words>;

export const WORD_KEYS = Object.keys(DEFAULT_WORDS) as WordKey[];

/** `placeholdersOf` by word: the templates say a word with each `{{word}}`, 75,695 times in a build of 200 issues of the bench corpus (counted). */
const placeholdersByWord = new Map<string, readonly string[]>();

/** The placeholders of a word, `{number}` → `number`, in the order written. */
export function placeholdersOf(word: string): readonly string[] {
  let placeholders = placeholdersByWord.get(word);
  if (!placeholders) placeholdersByWord.set(word, (placeholders = [...word.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]!)));
  return placeholders;
}

/**
 * A translation of `key`: printable text (as the config's other texts a
 * reader sees, schema.ts `printable`: an ESC would drive a terminal, and
 * makes a feed invalid XML) with every placeholder of its English word and
 * no other (a misspelt `{nmuber}` would be printed as written). Refused at
 * its place: the config's loader words the problem.
 */
function translation(key: WordKey) {
  const needed = placeholdersOf(DEFAULT_WORDS[key]);
  const allowed = [...needed, ...countOfOne(key)];
  return z
    .string()
    .min(1)
    .superRefine((value, context) => {
      const written = placeholdersOf(value);
      const missing = needed.filter((name) => !written.includes(name));
      const unknown = written.filter((name) => !allowed.includes(name));
      const takes = needed.length === 0 ? 'no placeholder' : `the placeholder${needed.length === 1 ? '' : 's'} ${needed.map((name) => `\`{${name}}\``).join(' and ')}`;
      const english = `its English words are "${DEFAULT_WORDS[key]}"`;
      const control = new RegExp(CONTROL_CHARACTER.source).exec(value)?.[0];
      if (control !== undefined) {
        context.addIssue({ code: 'custom', message: `Unexpected ${describeCharacter(control)} in \`words.${key}\`, expected printable text: it would reach every email, page and feed as it is` });
      } else if (missing.length > 0) {
        context.addIssue({ code: 'custom', message: `Missing placeholder \`{${missing[0]!}}\` in \`words.${key}\`, expected a translation holding ${takes} where its language puts it: ${english}` });
      } else if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: `Unexpected placeholder \`{${unknown[0]!}}\` in \`words.${key}\`, expected ${takes}: ${english}` });
      }
    });
}

/**
 * The `{count}` a translation of `key` may hold though its English word
 * does not: the `…One` word of a counted pair whose `…Other` has it
 * (`minutesOne`, "a minute"), for a language whose plural category `one`
 * holds more numbers than 1 (CLDR: Russian's holds 21, 31, …), where "a
 * minute" would be wrong. `pluralWordKey`'s caller fills it.
 */
function countOfOne(key: WordKey): string[] {
  const other = key.endsWith('One') ? `${key.slice(0, -'One'.length)}Other` : undefined;
  return other !== undefined && other in DEFAULT_WORDS && placeholdersOf(DEFAULT_WORDS[other as WordKey]).includes('count') ? ['count'] : [];
}

/** The config's `words:` mapping: each key optional, no other (an unknown one is named with the nearest, load.ts). */
export const wordsSchema = z.strictObject(Object.fromEntries(WORD_KEYS.map((key) => [key, translation(key).optional()])) as Record<WordKey, z.ZodOptional<ReturnType<typeof translation>>>);

/**
 * What a template reads of paperboy's words (the views' `words` and
 * `wordsApart`): every word, translated or English, and the language tag
 * of each left English on pages in another language while the config
 * translates others (a partial translation), for a `lang` around it.
 * Without `words:` nothing is marked: every output stays as it was.
 */
export function newsletterWords(setting: WordsSetting | undefined, language: string): { words: Words; wordsApart: Partial<Record<WordKey, string>> } {
  const words = configuredWords(setting);
  const apart = setting === undefined ? undefined : languageApart(PAPERBOY_WORDS_LANGUAGE, language);
  const wordsApart = apart === undefined ? {} : Object.fromEntries(WORD_KEYS.filter((key) => setting?.[key] === undefined).map((key) => [key, apart]));
  return { words, wordsApart };
}

/** Every word, the config's `words:` over the English defaults: what a reader is told, whatever the newsletter's language (which `newsletterWords` reads only to mark the English ones). */
export function configuredWords(setting: WordsSetting | undefined): Words {
  return { ...DEFAULT_WORDS, ...setting };
}

/**
 * `word` with each placeholder replaced by `values`'s (`Issue #{number}`,
 * `{ number: 3 }` → `Issue #3`), through `show` (HTML escaping, or as is).
 * Every placeholder has a value: `DEFAULT_WORDS`'s are checked by the
 * caller, a translation's by `wordsSchema`.
 */
export function fillWord(word: string, values: Readonly<Record<string, unknown>>, show: (value: unknown) => string = String, text: (piece: string) => string = (piece) => piece): string {
  let filled = '';
  let last = 0;
  for (const match of word.matchAll(/\{([A-Za-z]+)\}/g)) {
    filled += text(word.slice(last, match.index)) + show(values[match[1]!]);
    last = match.index + match[0].length;
  }
  return filled + text(word.slice(last));
}

/**
 * Which of the pair `<stem>One`/`<stem>Other` says `count`: `One` where
 * the plural rules of the language its words are in (`pluralLanguage`)
 * call it `one`.
 */
export function pluralWordKey(stem: string, count: number, words: Words, language = PAPERBOY_WORDS_LANGUAGE): WordKey {
  return pluralRules(pluralLanguage(stem, words, language)).select(count) === 'one' ? (`${stem}One` as WordKey) : (`${stem}Other` as WordKey);
}

/** `Intl.PluralRules` by language, made once: making one took ~15 µs here, forty times what its `select` takes (970 counted words in a build of 200 issues). */
const pluralRulesByLanguage = new Map<string, Intl.PluralRules>();

function pluralRules(language: string): Intl.PluralRules {
  let rules = pluralRulesByLanguage.get(language);
  if (!rules) pluralRulesByLanguage.set(language, (rules = new Intl.PluralRules(language)));
  return rules;
}

/**
 * The language whose plural rules (CLDR's, through `Intl.PluralRules`)
 * pick between `<stem>One` and `<stem>Other`: the newsletter's for a
 * translated pair, English for one left English, so an untranslated
 * "0 papers" stays as it was whatever the newsletter's language (French
 * calls 0 `one`).
 */
function pluralLanguage(stem: string, words: Words, language: string): string {
  const [one, other] = [`${stem}One`, `${stem}Other`] as [WordKey, WordKey];
  return words[one] !== DEFAULT_WORDS[one] || words[other] !== DEFAULT_WORDS[other] ? language : PAPERBOY_WORDS_LANGUAGE;
}

/** The words the papers page's script says (templates/web/papers.js): its search's progress, results and failures. */
const PAPERS_SCRIPT_WORDS = ['searching', 'searchFailed', 'noMatch', 'matchesOne', 'matchesOther', 'firstShown', 'soFar', 'noMatchWordsAndFilters', 'noMatchWords', 'noMatchFilters', 'showMore', 'resultIn', 'issueNumber'] as const satisfies readonly WordKey[];

/**
 * What the papers page's search form hands its script (`data-words`,
 * JSON): its words, and the language whose plural rules pick a count's
 * (`pluralWordKey`: English for an untranslated pair).
 */
export function papersScriptWords(setting: WordsSetting | undefined, language: string): string {
  const { words } = newsletterWords(setting, language);
  return JSON.stringify({ words: Object.fromEntries(PAPERS_SCRIPT_WORDS.map((key) => [key, words[key]])), pluralLanguage: pluralLanguage('matches', words, language) });
}

/** paperboy's words as code says them (a page's title, a list's caption): `newsletterWords`'s, filled. */
export interface Phrasebook {
  /** Every word, as `newsletterWords` gives them. */
  words: Words;
  /** `key`'s word, its placeholders filled by `values`. */
  say(key: WordKey, values?: Readonly<Record<string, unknown>>): string;
  /**
   * The word of the pair `<stem>One`/`<stem>Other` that says `count`
   * (`pluralWordKey`), `{count}` filled: as digits alone ("2990"), or with
   * `grouped`, for a count that runs to thousands, grouped as the
   * language of the pair's words groups them (`Intl.NumberFormat`: "2,990"
   * in English, "2.990" in German, "2 990" in French).
   */
  counted(stem: string, count: number, options?: { grouped?: boolean }): string;
  /**
   * Whether a word said so far (`say`, `counted`) was left English while
   * the newsletter's language is another: what says to mark a server's
   * page or the confirmation email `lang="en"` (`languageApart`).
   */
  saidInEnglish(): boolean;
  /** `key`'s word cut at its one placeholder: the text before it and after it (`Papers by `, ``), for a value of its own (render/bidi.ts `namedIn`). */
  around(key: WordKey): [before: string, after: string];
}

/** The `Phrasebook` of the config's `words:` (absent: English) on pages in `language`. */
export function phrasebook(setting: WordsSetting | undefined, language: string): Phrasebook {
  const { words } = newsletterWords(setting, language);
  let english = false;
  const said = (key: WordKey, values: Readonly<Record<string, unknown>>) => {
    english ||= setting?.[key] === undefined && languageApart(PAPERBOY_WORDS_LANGUAGE, language) !== undefined;
    return fillWord(words[key], values);
  };
  return {
    words,
    say: (key, values = {}) => said(key, values),
    counted: (stem, count, { grouped = false } = {}) =>
      said(pluralWordKey(stem, count, words, language), { count: grouped ? new Intl.NumberFormat(pluralLanguage(stem, words, language)).format(count) : count }),
    saidInEnglish: () => english,
    around: (key) => {
      const [before = '', after = ''] = words[key].split(/\{[A-Za-z]+\}/);
      return [before, after];
    },
  };
}
