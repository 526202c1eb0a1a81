export { countIssue, WORDS_PER_MINUTE, type IssueCounts } from './counts.js';
export { formatInboxHeader, horizontalRule, PREHEADER_COLUMNS, SUBJECT_COLUMNS, type InboxHeaderInput } from './inbox-header.js';
export { previewIssue, type IssuePreview, type PreviewIssueOptions } from './preview-issue.js';
export { renderTerminalPreview, type TerminalPreviewInput, type TerminalPreviewOptions } from './render.js';
export { mutedStyle, sanitizeForTerminal, terminalStyle, type TerminalStyleOptions } from './style.js';
export { truncateToWidth } from './truncate.js';
