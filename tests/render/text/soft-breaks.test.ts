import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanIssue } from '../../helpers/fixture.js';
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
