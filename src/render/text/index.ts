export { collectDefinitions, type MarkdownDefinitions } from './definitions.js';
export { FootnoteCollector, type CollectedFootnote } from './footnotes.js';
export { formatHeading, layoutHeading } from './heading.js';
export { limitLineOctets } from './octets.js';
export { formatReferences, ReferenceList, type Reference } from './references.js';
export { renderBlocks, renderFootnotes, type TextRenderOptions } from './render.js';
export { PLAIN, plainStyle, type DelimitedSpan, type Format, type Glyphs, type LinkPresentation, type TextStyle } from './style.js';
export {
  alignText,
  displayWidth,
  indentLines,
  renderLine,
  wrapFragments,
  wrapText,
  type Alignment,
  type Fragment,
  type Line,
  type WrapTextOptions,
} from './wrap.js';
