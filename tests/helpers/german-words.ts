import { DEFAULT_WORDS, type WordKey } from '../../src/config/words.js';

/** Every one of paperboy's words in German: none holds an English default's words (`englishWordsIn` finds none in what they make). */
export const GERMAN_WORDS: Record<WordKey, string> = {
  highlights: 'Empfehlungen',
  otherPapers: 'Weitere Artikel',
  reviewersThanks: 'Danke an {names} für die Durchsicht dieser Ausgabe.',
  date: '{day}. {month} {year}',
  january: 'Januar',
  february: 'Februar',
  march: 'März',
  april: 'April',
  may: 'Mai',
  june: 'Juni',
  july: 'Juli',
  august: 'August',
  september: 'September',
  october: 'Oktober',
  november: 'November',
  december: 'Dezember',
  viewInBrowser: 'Im Webbrowser ansehen',
  viewInYourBrowser: 'In Ihrem Webbrowser ansehen',
  issueNumber: 'Ausgabe Nr. {number}',
  editedBy: 'Herausgegeben von {name}',
  summarizedBy: 'Zusammengefasst von {name}',
  prerequisites: 'Vorkenntnisse',
  opinion: 'Meinung',
  hatTip: 'Hinweis von {name}',
  notes: 'Anmerkungen',
  backToReference: 'Zurück zum Verweis {number}',
  subscribedBecause: 'Sie erhalten {name}, weil Sie es abonniert haben.',
  unsubscribe: 'Abbestellen',
  archive: 'Archiv',
  skipToContent: 'Zum Inhalt springen',
  siteNavigation: 'Website',
  papers: 'Artikel',
  tags: 'Schlagwörter',
  authors: 'Autorinnen und Autoren',
  feeds: 'Nachrichtenkanäle',
  data: 'Daten',
  subscribeLabel: 'Jede Ausgabe per E-Mail erhalten',
  leaveEmpty: 'Dieses Feld leer lassen',
  subscribe: 'Abonnieren',
  issues: 'Ausgaben',
  paperCountOne: '{count} Artikel',
  paperCountOther: '{count} Artikel',
  alsoCoveredIn: 'Auch besprochen in',
  issueSummaryOfPaper: 'Ausgabe Nr. {number}, ihre Zusammenfassung dieses Artikels',
  allAboutPaper: 'Alles über diesen Artikel',
  allAboutPaperTitled: 'Alles über diesen Artikel: {title}',
  issueAsEmail: 'Diese Ausgabe als E-Mail:',
  htmlEmail: 'E-Mail in HTML',
  plaintextEmail: 'E-Mail als reiner Text',
  plaintext: 'reiner Text',
  previousAndNext: 'Vorige und nächste Ausgaben',
  published: 'Erschienen',
  link: 'Verweis',
  inIssue: 'Besprochen in',
  copyBibtex: 'BibTeX kopieren',
  copied: 'Kopiert.',
  copySelected: 'Markiert: zum Kopieren Strg+C drücken (⌘C auf einem Mac).',
  searchSummaries: 'Zusammenfassungen und Meinungen durchsuchen',
  tag: 'Schlagwort',
  section: 'Rubrik',
  year: 'Jahr',
  author: 'Autor',
  any: 'Alle',
  search: 'Suchen',
  paper: 'Artikel',
  issue: 'Ausgabe',
  searching: 'Suche läuft…',
  searchFailed: 'Suche fehlgeschlagen: {error}',
  noMatch: 'Kein Artikel passt',
  matchesOne: '{count} Artikel passt',
  matchesOther: '{count} Artikel passen',
  firstShown: '; die ersten {count} werden gezeigt',
  noMatchWordsAndFilters: 'Kein Artikel passt: keiner enthält jedes gesuchte Wort und besteht die gewählten Filter. Weniger Wörter oder Filter finden mehr.',
  noMatchWords: 'Kein Artikel passt: keiner enthält jedes gesuchte Wort. Weniger Wörter finden mehr.',
  noMatchFilters: 'Kein Artikel passt zu den gewählten Filtern. Weniger Filter finden mehr.',
  showMore: '{count} weitere zeigen',
  soFar: '{matches} bisher; die anderen Jahre werden durchsucht…',
  resultIn: 'in',
  issueCountOne: '{count} Ausgabe',
  issueCountOther: '{count} Ausgaben',
  papersFromIssues: '{papers} aus {issues}',
  searchLead: '{counts}. Wählen Sie ein Jahr, oder durchsuchen und filtern Sie alle.',
  yearsLead: '{counts}. Wählen Sie ein Jahr.',
  everyPaper: 'Jeder Artikel, den wir zusammengefasst haben',
  papersFromYear: 'Artikel aus {year}',
  papersWithoutYear: 'Artikel ohne Jahr',
  countFromYear: '{papers} aus {year}',
  countWithoutYear: '{papers} ohne Jahr',
  pagesOfPapersFromYear: 'Seiten der Artikel aus {year}',
  pagesOfPapersWithoutYear: 'Seiten der Artikel ohne Jahr',
  papersByYear: 'Artikel nach Jahr',
  noYear: 'Ohne Jahr',
  noSection: 'Ohne Rubrik',
  pageOfPages: '{title} (Seite {number} von {count})',
  pages: 'Seiten',
  papersTagged: 'Artikel mit dem Schlagwort „{tag}“',
  papersBy: 'Artikel von {name}',
  moreAuthors: '{count} weitere Autoren',
  backTo: 'Zurück zu {name}',
  subscribeTo: '{name} abonnieren',
  subscribeOnHomePage: 'Zum Abonnieren geben Sie Ihre E-Mail-Adresse im Formular der Startseite ein: wir schicken Ihnen dann einen Bestätigungslink.',
  checkInbox: 'Schauen Sie in Ihr Postfach',
  checkInboxForLink: 'In Ihrem Postfach wartet ein Bestätigungslink.',
  confirmationOnItsWay: 'Wenn die Adresse den Newsletter empfangen kann, ist ein Bestätigungslink unterwegs. Das Abonnement beginnt, wenn Sie ihm folgen.',
  confirmLinkInvalid: 'Dieser Bestätigungslink ist ungültig',
  subscribeAgain: 'Abonnieren Sie erneut mit dem Formular der Startseite.',
  confirmLinkExpired: 'Dieser Bestätigungslink ist abgelaufen',
  linksLastTwoDays: 'Links gelten zwei Tage: abonnieren Sie erneut mit dem Formular der Startseite.',
  confirmQuestion: '{name} abonnieren?',
  confirmBelow: 'Jemand möchte, dass diese Adresse den Newsletter erhält. Wenn Sie es waren, bestätigen Sie unten; sonst schließen Sie diese Seite, und nichts geschieht.',
  confirmButton: 'Mein Abonnement bestätigen',
  newerLinkSent: 'Ein neuerer Bestätigungslink wurde verschickt',
  useLatestLink: 'Nutzen Sie den Link der neuesten Bestätigungs-E-Mail, oder abonnieren Sie erneut.',
  alreadySubscribed: 'Sie haben schon abonniert',
  linkUsedBefore: 'Dieser Verweis wurde schon benutzt: {name} ist unterwegs zu Ihnen.',
  confirmLinkUsed: 'Dieser Bestätigungslink wurde schon benutzt',
  leftSince: 'Sie haben die Liste seitdem verlassen: um erneut zu abonnieren, nutzen Sie das Formular der Startseite.',
  subscribed: 'Sie haben abonniert',
  nextIssueReaches: 'Die nächste Ausgabe von {name} erreicht Sie per E-Mail.',
  unsubscribeLinkInvalid: 'Dieser Abbestelllink ist ungültig',
  useLatestUnsubscribeLink: 'Nutzen Sie den Abbestelllink am Ende der neuesten Ausgabe, oder antworten Sie darauf und bitten Sie um Austragung.',
  unsubscribeQuestion: '{name} abbestellen?',
  noMoreIssues: 'Sie erhalten keine Ausgaben mehr. Das Archiv bleibt für alle offen.',
  pressToUnsubscribe: 'Noch hat sich nichts geändert: drücken Sie den Knopf unten, um abzubestellen.',
  unsubscribeFrom: '{name} abbestellen',
  unsubscribeOwnLink: 'Wenn Sie auf dieser Website abonniert haben, nutzen Sie den Abbestelllink am Ende Ihres Exemplars einer Ausgabe: er gehört Ihnen allein und braucht einen Klick.',
  unsubscribeThroughList: 'Wenn {name} Sie über die Mailingliste {address} erreicht, verlassen Sie sie so, wie diese Liste es anbietet.',
  replyToBeRemoved: 'Oder antworten Sie auf eine Ausgabe und bitten Sie um Austragung.',
  unsubscribed: 'Sie haben abbestellt',
  noMoreEmail: '{name} schreibt Ihnen keine E-Mail mehr.',
  pageNotFound: 'Seite nicht gefunden',
  nothingHere: 'Unter dieser Adresse ist nichts.',
  somethingWentWrong: 'Etwas ist schiefgegangen',
  thatDidNotWork: 'Das hat nicht geklappt',
  confirmEmailSubject: 'Bestätigen Sie Ihr Abonnement von {name}',
  confirmEmailAsk: 'Bitte bestätigen Sie, dass Sie {name} per E-Mail erhalten möchten',
  confirmEmailLinkLasts: 'Der Verweis gilt zwei Tage. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Sie erhalten nichts weiter.',
};

/** `GERMAN_WORDS` as the config's `words:` mapping (YAML, each value quoted). */
export function germanWordsYaml(): string {
  return `words:\n${Object.entries(GERMAN_WORDS).map(([key, word]) => `  ${key}: ${JSON.stringify(word)}\n`).join('')}`;
}

/**
 * The English words of paperboy's that `text` holds: each default's
 * pieces between its placeholders ("Issue #", "Edited by"), trimmed of the
 * punctuation around them, of three letters or more, as whole words.
 */
export function englishWordsIn(text: string): string[] {
  const pieces = new Set(
    Object.values(DEFAULT_WORDS).flatMap((word) =>
      word
        .split(/\{[A-Za-z]+\}/)
        .map((piece) => piece.trim().replace(/^[;:,.\s]+|[;:,.\s]+$/g, ''))
        .filter((piece) => (piece.match(/\p{L}/gu) ?? []).length >= 3),
    ),
  );
  return [...pieces].filter((piece) => new RegExp(`(?<![\\p{L}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text));
}


/**
 * What a reader reads of a page or an email: its text and the attributes
 * read aloud, without its addresses, file names (`papers/`, `papers.json`)
 * and style sheet (`.paper-title`), which are no words.
 */
export function readable(text: string): string {
  return text
    .replace(/<style>[^]*?<\/style>/g, '')
    .replace(/\s(?!aria-label|title|alt|placeholder|content)[a-z-]+="[^"]*"/g, '')
    .replace(/<link [^>]*>/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b[\w-]+\.(?:json|csv|bib|xml)\b/g, '');
}
