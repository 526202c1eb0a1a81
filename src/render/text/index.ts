export type { TextWords } from './context.js';
export { collectDefinitions } from './definitions.js';
export { FootnoteCollector } from './footnotes.js';
export { formatHeading } from './heading.js';
export { limitLineOctets } from './octets.js';
export { formatReferences, ReferenceList, referenceLines } from './references.js';
export { renderBlocks, renderFootnotes, type TextRenderOptions } from './render.js';
export { plainStyle, type Format, type Glyphs, type TextStyle } from './style.js';
export { cutText, displayWidth, indentLines, renderLine, wrapFragments, wrapText } from './wrap.js';
