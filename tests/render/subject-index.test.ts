import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import fc from 'fast-check';
import { withSubjectIndex } from '../../src/render/subject-index.js';

// withSubjectIndex stands in for cheerio's selection in juice: the same
// elements in the same order, or it is a bug.

/** Class words, some differing only in case, and the whitespace css-select splits them on (JavaScript's \s: a no-break space too). */
const word = fc.constantFrom('a', 'b', 'B', 'content', 'paper-title', 'muted', 'é');
const space = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003');
const classValue = fc.array(fc.tuple(space, word), { maxLength: 3 }).map((words) => words.map(([s, w]) => s + w).join('') + ' ');
const tag = fc.constantFrom('div', 'p', 'a', 'span', 'h2', 'td', 'P', 'DIV', 'style');
const attributes = fc.tuple(fc.option(classValue), fc.option(fc.constantFrom('x', 'color: red')), fc.option(fc.constantFrom('center', 'right'))).map(
  ([cls, style, align]) => `${cls === null ? '' : ` class="${cls}"`}${style === null ? '' : ` style="${style}"`}${align === null ? '' : ` align="${align}"`}`,
);
const element: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.tuple(tag, attributes).map(([name, attrs]) => (name.toLowerCase() === 'style' ? `<span${attrs}>t</span>` : `<${name}${attrs}>t</${name}>`))
    : fc.tuple(fc.constantFrom('div', 'p', 'td', 'section', 'DIV'), attributes, fc.array(element(depth - 1), { maxLength: 3 })).map(([name, attrs, children]) => `<${name}${attrs}>${children.join('')}</${name}>`),
);
const documentHtml = fc.array(element(4), { maxLength: 4 }).map((body) => `<!DOCTYPE html><html><head><style>p{}</style></head><body>${body.join('')}</body></html>`);

/** Selectors of each kind: the ones the index answers (tags, classes, attributes, descendant and child) and the ones it leaves to cheerio. */
const compound = fc.constantFrom('div', 'p', 'a', 'P', 'DIV', '.a', '.b', '.B', '.content', '.paper-title', '.é', 'p.a', 'div.content', '[align="right"]', 'td[align="center"]', '[style]', '[class~=b i]', '*', 'a:first-child', 'p:not(.a)', '.a::before', 'style');
const combinator = fc.constantFrom(' ', ' > ', ' + ', ' ~ ');
const selector = fc.tuple(compound, fc.array(fc.tuple(combinator, compound), { maxLength: 2 }), fc.option(compound)).map(
  ([first, rest, other]) => `${first}${rest.map(([c, s]) => c + s).join('')}${other === null ? '' : `, ${other}`}`,
);

test('withSubjectIndex selects what cheerio selects, in its order, for every kind of selector on generated documents', () => {
  fc.assert(
    fc.property(documentHtml, fc.array(selector, { minLength: 1, maxLength: 6 }), (html, selectors) => {
      const $ = load(html, { xml: { decodeEntities: false, xmlMode: undefined } });
      const indexed = withSubjectIndex($);
      for (const sel of selectors) {
        let expected: unknown[];
        try {
          expected = $(sel).toArray();
        } catch {
          assert.throws(() => indexed(sel));
          continue;
        }
        assert.deepEqual(indexed(sel).toArray(), expected, sel);
      }
    }),
    { numRuns: 1000 },
  );
});

test('withSubjectIndex leaves out an element removed since the index was made, and finds one created since', () => {
  const $ = load('<html><body><p class="a">one</p><div><p class="a">two</p></div></body></html>', { xml: { decodeEntities: false, xmlMode: undefined } });
  const indexed = withSubjectIndex($);
  assert.equal(indexed('.a').length, 2);
  indexed('div').remove();
  assert.deepEqual(indexed('.a').toArray(), $('.a').toArray());
  indexed('body').append(indexed('<p class="a">three</p>'));
  assert.deepEqual(indexed('.a').toArray(), $('.a').toArray());
  assert.equal(indexed('.a').length, 2);
});

test('withSubjectIndex wraps an element once: each call gives a wrapper of that element alone, after juice writes through it, moves or removes it', () => {
  const $ = withSubjectIndex(load('<div><p class="a">one</p><p>two</p></div>', { xml: { decodeEntities: false } }));
  const [first, second] = $('p').toArray();
  const wrapper = $(first!);
  assert.equal($(first!), wrapper);
  assert.notEqual($(second!), wrapper);
  wrapper.attr('style', 'color: red;');
  $(second!).prepend($('<span />').get(0)!).text('three');
  $(first!).remove();
  for (const [element, shown] of [
    [first!, '<p class="a" style="color: red;">one</p>'],
    [second!, '<p>three</p>'],
  ] as const) {
    assert.equal($(element).length, 1);
    assert.equal($(element)[0], element);
    assert.equal($.html($(element)), shown);
  }
  assert.equal($.html(), '<div><p>three</p></div>');
});
