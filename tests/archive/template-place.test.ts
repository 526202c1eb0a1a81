import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagPlace } from '../../src/archive/template-place.js';

const layout = { name: 'web/layout.html', text: '<html>\n<body>\n  <main>{{{content}}}</main>\n  <footer><p>Bye</p></footer>\n</body>\n</html>\n' };
const page = { name: 'web/issue.html', text: '<article>\n  <p>Thanks</p></p>\n  <p>More</p>\n</article>\n' };
const rendered = '<html>\n<body>\n  <main><article>\n  <p>Thanks</p></p>\n  <p>More</p>\n</article>\n</main>\n  <footer><p>Bye</p></footer>\n</body>\n</html>\n';

test('tagPlace: a tag written in several places is told apart by the text before it, in whichever template wrote it', () => {
  const stray = rendered.indexOf('</p></p>') + 4;
  assert.deepEqual(tagPlace(rendered, stray + 1, [layout, page]), { name: 'web/issue.html', line: 2, column: 16 });
  // `<p>` opens three paragraphs: the one before "Bye" is the layout's.
  assert.deepEqual(tagPlace(rendered, rendered.indexOf('<p>Bye') + 1, [layout, page]), { name: 'web/layout.html', line: 4, column: 11 });
});

test('tagPlace: when the text before a tag is a {{…}}\'s or written alike in two places, the text after it tells them apart', () => {
  const one = { name: 'one', text: '{{name}}<b>one</b>\n' };
  const two = { name: 'two', text: '{{name}}<b>two</b>\n' };
  assert.deepEqual(tagPlace('Zed<b>two</b>\n', 4, [one, two]), { name: 'two', line: 1, column: 9 });
  const three = { name: 'three', text: 'x<b>one</b>\n' };
  const four = { name: 'four', text: 'x<b>two</b>\n' };
  assert.deepEqual(tagPlace('x<b>two</b>\n', 2, [three, four]), { name: 'four', line: 1, column: 2 });
});

test('tagPlace: a tag a {{…}} wrote, or whose attribute one wrote, and a tag written alike everywhere around it, have no place', () => {
  const linked = { name: 't', text: '<a href="{{root}}">Home</a>\n' };
  assert.equal(tagPlace('<a href="/">Home</a>\n', 1, [linked]), undefined);
  const same = { name: 's', text: '<br><br>' };
  assert.equal(tagPlace('<br><br><br><br>', 5, [same, same]), undefined);
  assert.equal(tagPlace('text only', 3, [linked]), undefined);
});
