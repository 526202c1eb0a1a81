import { isMap, isPair, isScalar, Scalar } from 'yaml';
import { arxivAbsUrl, arxivIdFromUrl, parseArxivId } from '../../issue/paper-id.js';
import type { ParsedIssue } from '../../issue/parse.js';
import type { YamlPath } from '../../diagnostics/yaml-locate.js';
import type { Fix, FileRule } from '../types.js';

/**
 * A paper's `arxiv` is a bare arXiv id that names the same paper as its URL;
 * an arXiv URL points at the abs page. The tidy-ups are warnings with fixes.
 *
 * ok:     `url: https://arxiv.org/abs/2304.15004` with `arxiv: "2304.15004"`
 * not ok: `arxiv: "2304.1500"` (truncated) → Unexpected arXiv id `2304.1500`, expected a bare id such as `2304.15004`
 * not ok: `arxiv: "2212.03827"` with an abs/2304.15004 URL → Unexpected arXiv id `2212.03827` for a URL of 2304.15004, expected the id of the linked paper
 * warns:  `arxiv: "2304.15004v2"` → Unexpected arXiv id `2304.15004v2`, expected the bare id `2304.15004` (fix)
 * warns:  `url: https://arxiv.org/pdf/2304.15004v2` → Unexpected arXiv PDF/versioned URL …, expected the abs page `https://arxiv.org/abs/2304.15004` (fix)
 * warns:  `url: https://arxiv.org/abs/math.GT/0309136` → Unexpected arXiv subject-class URL …, expected the abs page `https://arxiv.org/abs/math/0309136` (fix)
 * warns:  an arXiv URL and no `arxiv:` → Missing `arxiv` for an arXiv URL, expected `arxiv: "2304.15004"` (fix: inserted after the url line)
 */
const rule: FileRule = {
  id: 'arxiv-id',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'arXiv ids are bare, agree with the URL, and arXiv URLs point at the abs page',
  check({ issue, parsed, report }) {
    const document = parsed.document;
    if (!issue || !document) return;
    for (const paper of issue.papers) {
      const paperPath = ['papers', paper.index];
      const fieldPath = [...paperPath, 'arxiv'];
      const field = document.getIn(fieldPath, true);
      // A non-text value (an unquoted number) is frontmatter-schema's to report.
      const written = isScalar(field) && typeof field.value === 'string' ? field.value : undefined;
      const fieldId = written === undefined ? undefined : plausibleArxivId(written);
      const fromUrl = arxivIdFromUrl(paper.url);

      if (written !== undefined && !fieldId) {
        report({ message: `Unexpected arXiv id \`${written}\`, expected a bare id such as \`2304.15004\``, position: parsed.locate(fieldPath) });
      } else if (written !== undefined && fieldId && written !== fieldId) {
        report({
          message: `Unexpected arXiv id \`${written}\`, expected the bare id \`${fieldId}\``,
          position: parsed.locate(fieldPath),
          severity: 'warning',
          // Always quoted (a plain 2304.15000 would be read as a number), in the quotes it had.
          fix: replaceScalar(parsed, fieldPath, fieldId, 'quoted'),
        });
      }
      if (!fromUrl) continue;
      if (fieldId && fieldId !== fromUrl.id) {
        // Which of the two is right is the editor's call: no fix.
        report({ message: `Unexpected arXiv id \`${fieldId}\` for a URL of ${fromUrl.id}, expected the id of the linked paper`, position: parsed.locate(fieldPath) });
        continue;
      }
      const urlPath = [...paperPath, 'url'];
      const abs = arxivAbsUrl(fromUrl.id);
      if (!fromUrl.canonical) {
        report({
          message: `Unexpected arXiv ${urlKind(paper.url)} URL \`${paper.url}\`, expected the abs page \`${abs}\``,
          position: parsed.locate(urlPath),
          severity: 'warning',
          fix: replaceScalar(parsed, urlPath, abs, 'keep'),
        });
      }
      if (!document.hasIn(fieldPath)) {
        const line = `arxiv: "${fromUrl.id}"`;
        report({
          message: `Missing \`arxiv\` for an arXiv URL, expected \`${line}\``,
          position: parsed.locate(urlPath),
          severity: 'warning',
          fix: insertAfterKeyLine(parsed, paperPath, 'url', line),
        });
      }
    }
  },
};
export default rule;

/**
 * What makes an arXiv URL not its paper's abs page, in words: an old-style id
 * written with its subject class (`abs/math.GT/0309136`, which arXiv serves
 * as math/0309136), else a PDF, a version or another host.
 */
function urlKind(url: string): string {
  return /\/abs\/[a-z-]+\.[A-Z]{2}\/\d{7}\/?$/.test(url) ? 'subject-class' : 'PDF/versioned';
}

/**
 * The bare id when `written` is one arXiv could have issued: a new-style id
 * has a real month and, from 2015 (1501) on, five digits after the dot, so a
 * truncated `2304.1500` is caught.
 */
function plausibleArxivId(written: string): string | undefined {
  const id = parseArxivId(written);
  const newStyle = id === undefined ? null : /^(\d\d)(\d\d)\.(\d+)$/.exec(id);
  // Old-style ids (`hep-th/9901001`) have no such rule.
  if (!newStyle) return id;
  const month = Number(newStyle[2]);
  const digits = Number(`${newStyle[1]}${newStyle[2]}`) >= 1501 ? 5 : 4;
  return month >= 1 && month <= 12 && newStyle[3]!.length === digits ? id : undefined;
}

/** Fixes edit only single-line scalars; a block scalar or odd layout is reported without a fix. */
const EDITABLE = new Set<Scalar['type']>(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);

/** Replaces a scalar's value (one without quote characters) in the quotes it had (`keep`), or in quotes even where it had none (`quoted`: double ones then). */
function replaceScalar(parsed: ParsedIssue, path: YamlPath, value: string, quoting: 'keep' | 'quoted'): Fix | undefined {
  const node = parsed.document?.getIn(path, true);
  if (!isScalar(node) || !EDITABLE.has(node.type) || !node.range) return undefined;
  const kept = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
  const quote = quoting === 'quoted' && kept === '' ? '"' : kept;
  const offset = parsed.frontmatterOffset;
  return { range: [offset + node.range[0], offset + node.range[1]], text: `${quote}${value}${quote}` };
}

/** Inserts `line` after the line of `key` in a block mapping, at the key's indentation. */
function insertAfterKeyLine(parsed: ParsedIssue, mapPath: YamlPath, key: string, line: string): Fix | undefined {
  const map = parsed.document?.getIn(mapPath, true);
  if (!isMap(map) || map.flow) return undefined;
  const pair = map.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  const keyNode = pair?.key;
  const valueNode = pair?.value;
  if (!isScalar(keyNode) || !keyNode.range || !isScalar(valueNode) || !EDITABLE.has(valueNode.type) || !valueNode.range) return undefined;
  const text = parsed.source.text;
  const keyOffset = parsed.frontmatterOffset + keyNode.range[0];
  const lineEnd = text.indexOf('\n', parsed.frontmatterOffset + valueNode.range[1]);
  if (lineEnd === -1) return undefined;
  const indentation = ' '.repeat(parsed.lines.point(keyOffset).column - 1);
  return { range: [lineEnd + 1, lineEnd + 1], text: `${indentation}${line}\n` };
}
