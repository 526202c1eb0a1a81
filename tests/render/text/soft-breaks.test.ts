import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import fc from 'fast-check';
import { UNSPACED_SCRIPT } from '../../../src/issue/unspaced-script.js';
import { UNSPACED_BREAK, withUnspacedBreaksJoined } from '../../../src/render/text/soft-breaks.js';
import { spawnCli } from '../../helpers/cli.js';
import { cleanIssue, cleanIssueWithMarkdown, makeRoot } from '../../helpers/fixture.js';
import { PLAIN, previewText } from '../terminal/fixture.js';
import { render } from './fixture.js';

test('a line break between two Chinese or Japanese characters joins them across emphasis, strong text, strikethrough and links, as a browser joins them across tags', () => {
  assert.equal(render('*中文*\n*强调* end'), '_中文__强调_ end');
  assert.equal(render('[中文](https://example.org/zh)\n中文'), '中文 [1]中文');
  assert.equal(render('中文\n[中文](https://example.org/zh)'), '中文中文 [1]');
  assert.equal(render('*中文*\n中文、~~取消~~\n**強調**'), '*中文*中文、~~取消~~*強調*');
  assert.equal(render('中文 [链接\n文字](https://x.org) 日本\n*[語](https://x.org/ja)*'), '中文 链接文字 [1] 日本*語 [2]*');
});

test('a line break next to anything else across the marks stays a space: a word, code or math, a footnote marker, an image', () => {
  assert.equal(render('word\n*中文*'), 'word _中文_');
  assert.equal(render('*中文*\nword'), '_中文_ word');
  assert.equal(render('$x$\n中文'), '$x$ 中文');
  assert.equal(render('中文[^1]\n中文\n\n[^1]: 注'), '中文¹ 中文');
  assert.equal(render('![图](https://example.org/a.png)\n中文'), '[image: 图] [1] 中文');
});

test('the terminal preview joins a line break between Chinese or Japanese characters across the marks as the plaintext does', async () => {
  const output = await previewText(cleanIssue({ body: '*中文*\n*强调* end, [中文](https://example.org/zh)\n中文.' }), { ...PLAIN, width: 80 });
  assert.ok(output.includes('_中文__强调_ end, 中文 [1]中文.'), output);
});

test('the HTML email, the issue page, the feeds and the search excerpt leave out a line break between two Chinese characters, as the plaintext does (Chrome showed it as a space no one wrote)', () => {
  const summary = '本文研究了大规模语言模型的\n涌现能力。作者认为这是*度量*\n选择的结果。';
  const root = makeRoot({ 'issues/0001.md': cleanIssueWithMarkdown({ summary, opinion: 'Read it\nslowly, 中文。\nThen 中文\nmore.' }) });
  const build = spawnCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  const joined = '本文研究了大规模语言模型的涌现能力。作者认为这是<em>度量</em>选择的结果。';
  const email = spawnCli(['render', '1', '--format', 'html'], { cwd: root });
  for (const [output, text] of [
    ['render --format html', email.stdout],
    ['issue page', readFileSync(join(root, 'dist/issues/1/index.html'), 'utf8')],
    ['email.html', readFileSync(join(root, 'dist/issues/1/email.html'), 'utf8')],
    ['feed.xml', readFileSync(join(root, 'dist/feed.xml'), 'utf8')],
    ['atom.xml', readFileSync(join(root, 'dist/atom.xml'), 'utf8')],
    ['feed.json', JSON.parse(readFileSync(join(root, 'dist/feed.json'), 'utf8')).items[0].content_html as string],
  ]) {
    assert.ok(text!.includes(joined), `${output}: ${text}`);
    // A break with a Latin letter on either side is still the break written.
    assert.ok(text!.includes('Read it\nslowly, 中文。\nThen 中文\nmore.'), `${output} kept the other breaks`);
  }
  const shard = readFileSync(join(root, 'dist/search/2023.js'), 'utf8');
  assert.ok(shard.includes('"excerpt":"本文研究了大规模语言模型的涌现能力。"'), shard);
  const search = spawnCli(['papers', 'search', 'emergent'], { cwd: root });
  assert.ok(search.stdout.includes('本文研究了大规模语言模型的涌现能力。\n'), search.stdout);
});

test('a tree with no line break between two Chinese or Japanese characters is given to the HTML as it is (the same object), and the shared tree is never changed', () => {
  const latin = parseMarkdown('Two lines\nof *text*, 中文 and\n中文.');
  assert.equal(withUnspacedBreaksJoined(latin), latin);
  const markdown = '中文\n*中文*';
  const tree = parseMarkdown(markdown);
  const before = structuredClone(tree);
  const joined = withUnspacedBreaksJoined(tree);
  assert.deepEqual(tree, before);
  assert.equal(toString(joined), '中文中文');
});

test('the line breaks left out are those between two characters of a script written without spaces, as the look-behind before the break defines them, in any text', () => {
  // The definition, its look-behind first: what UNSPACED_BREAK matches faster (its look-behind after the break).
  const defined = new RegExp(String.raw`(?<=[${UNSPACED_SCRIPT}])\n(?=[${UNSPACED_SCRIPT}])`, 'gu');
  const piece = fc.constantFrom('\n', '\r\n', ' ', 'a', 'é', '中', '文', 'か', 'カ', '。', '，', '𠀋', '\ud840', '\udc0b', '한', '\u3000', '1', '$');
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(text.replace(UNSPACED_BREAK, '|'), text.replace(defined, '|'));
    }),
    { numRuns: 2000 },
  );
});
