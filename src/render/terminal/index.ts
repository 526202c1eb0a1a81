export { formatInboxHeader, horizontalRule } from './inbox-header.js';
export { previewIssue, type IssuePreview } from './preview-issue.js';
export { renderTerminalPreview, type TerminalPreviewOptions } from './render.js';
export { terminalStyle } from './style.js';
export { truncateToWidth } from './truncate.js';
