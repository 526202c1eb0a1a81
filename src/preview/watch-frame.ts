import { horizontalRule, terminalStyle, type TerminalPreviewOptions } from '../render/terminal/index.js';
import { displayWidth, wrapText } from '../render/text/index.js';

/** One screen of `preview --watch`: the lint diagnostics above the preview. */
export interface WatchFrame {
  /** As `paperboy lint` prints them: the last ones while the linter runs after a save; undefined before the first. */
  diagnostics: string | undefined;
  /** The render of the file as it is now; undefined when it cannot be rendered. */
  preview: string | undefined;
  /** The last render that worked, shown under the errors of one that did not. */
  lastPreview: string | undefined;
  /** Why there is no render, when not for the errors above (the file is gone): one sentence. */
  unrendered?: string;
}

/** The frame's lines: the diagnostics, a rule, the preview. */
export function frameLines(frame: WatchFrame, display: TerminalPreviewOptions): string[] {
  const style = terminalStyle(display);
  const diagnostics = frame.diagnostics ?? style.decorate('Linting…', { muted: true });
  const reason = frame.unrendered ?? 'The issue cannot be rendered until the errors above are fixed.';
  const lastVersion = frame.lastPreview === undefined ? reason : `${reason} The last version that rendered:`;
  const body = frame.preview ?? [wrapText(lastVersion, display.width), frame.lastPreview].filter((part) => part !== undefined).join('\n\n');
  return [...wrapDiagnostics(diagnostics, display.width), horizontalRule(display.width, style), ...body.split('\n')];
}

/**
 * The watch screen cuts lines at its edge, and a diagnostic must be read to
 * the end (its rule id is last): a line too long wraps under itself, further
 * in. Colours mark single words in it, so breaking at spaces never splits one.
 */
function wrapDiagnostics(diagnostics: string, width: number): string[] {
  return diagnostics.split('\n').flatMap((line) => {
    if (displayWidth(line) <= width) return [line];
    const indent = /^ */.exec(line)![0];
    return wrapText(line.slice(indent.length), width, { initialIndent: indent, subsequentIndent: `${indent}    ` }).split('\n');
  });
}

/** No lint problems, said in one dim line. */
export function noProblems(display: TerminalPreviewOptions): string {
  return terminalStyle(display).decorate('✔ No lint problems', { muted: true });
}
