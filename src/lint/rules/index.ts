import type { Rule } from '../types.js';
import arxivId from './arxiv-id.js';
import authorEtAl from './author-et-al.js';
import authorSpelling from './author-spelling.js';
import contentLimits from './content-limits.js';
import dateOrder from './date-order.js';
import dateValid from './date-valid.js';
import emailSize from './email-size.js';
import fileEncoding from './file-encoding.js';
import footnoteUndefined from './footnote-undefined.js';
import footnoteUnused from './footnote-unused.js';
import frontmatterMissing from './frontmatter-missing.js';
import frontmatterSchema from './frontmatter-schema.js';
import headingLevel from './heading-level.js';
import imageAltRequired from './image-alt-required.js';
import imageFileMissing from './image-file-missing.js';
import issueFormerly from './issue-formerly.js';
import issueNumberSequence from './issue-number-sequence.js';
import issueNumberUnique from './issue-number-unique.js';
import linkReferenceUndefined from './link-reference-undefined.js';
import linkTextEmpty from './link-text-empty.js';
import linkUrlLength from './link-url-length.js';
import linkUrlRefused from './link-url-refused.js';
import linkUrlRelative from './link-url-relative.js';
import mathSyntax from './math-syntax.js';
import noBareUrl from './no-bare-url.js';
import noControlCharacter from './no-control-character.js';
import noEmptyIssue from './no-empty-issue.js';
import noEmptyLinkUrl from './no-empty-link-url.js';
import noPlaceholder from './no-placeholder.js';
import noRawHtml from './no-raw-html.js';
import noTrailingSpaces from './no-trailing-spaces.js';
import opinionMissing from './opinion-missing.js';
import paperCoveredBefore from './paper-covered-before.js';
import paperDuplicateInIssue from './paper-duplicate-in-issue.js';
import paperUrl from './paper-url.js';
import preheaderLength from './preheader-length.js';
import sectionKnown from './section-known.js';
import subjectLength from './subject-length.js';
import subjectNumber from './subject-number.js';
import summaryMaxWords from './summary-max-words.js';
import tableCellCount from './table-cell-count.js';
import tagSpelling from './tag-spelling.js';
import titleMath from './title-math.js';
import xrefRenumberedIssue from './xref-renumbered-issue.js';
import xrefUnknown from './xref-unknown.js';
import yamlCommentInText from './yaml-comment-in-text.js';
import yamlFoldedMarkdown from './yaml-folded-markdown.js';
import yamlSyntax from './yaml-syntax.js';

/** Every lint rule, in the order their messages are documented. */
export const rules: Rule[] = [
  fileEncoding,
  contentLimits,
  frontmatterMissing,
  yamlSyntax,
  frontmatterSchema,
  yamlCommentInText,
  yamlFoldedMarkdown,
  noControlCharacter,
  issueNumberUnique,
  issueNumberSequence,
  issueFormerly,
  dateValid,
  dateOrder,
  noEmptyIssue,
  paperUrl,
  arxivId,
  authorEtAl,
  paperDuplicateInIssue,
  paperCoveredBefore,
  tagSpelling,
  authorSpelling,
  opinionMissing,
  summaryMaxWords,
  noPlaceholder,
  noRawHtml,
  noBareUrl,
  linkTextEmpty,
  noEmptyLinkUrl,
  linkUrlRefused,
  linkUrlRelative,
  linkUrlLength,
  linkReferenceUndefined,
  imageAltRequired,
  imageFileMissing,
  footnoteUndefined,
  footnoteUnused,
  headingLevel,
  tableCellCount,
  mathSyntax,
  titleMath,
  subjectLength,
  subjectNumber,
  preheaderLength,
  emailSize,
  xrefUnknown,
  xrefRenumberedIssue,
  sectionKnown,
  noTrailingSpaces,
];
