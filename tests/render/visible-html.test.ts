import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { visibleHtml } from '../../src/render/visible-html.js';

// The check keeps what it read of styles and colours, and its contrasts,
// from email to email (css-visibility.ts, visible-html.ts): an answer must
// depend on what is written, never on what was checked before it.

/** Colours, each in several spellings of one value. */
const COLOURS = {
  white: ['white', '#fff', '#FFFFFF', 'rgb(255, 255, 255)', ' White ', 'hsl(0, 0%, 100%)'],
  nearWhite: ['#fefefe', 'rgb(254, 254, 254)'],
  black: ['black', '#000', '#000000', 'rgb(0,0,0)', 'BLACK'],
  red: ['red', '#f00', '#ff0000', 'hsl(0, 100%, 50%)'],
  grey: ['#999', '#999999', 'rgb(153,153,153)'],
  transparent: ['transparent', 'rgba(0, 0, 0, 0)'],
} as const;
type Colour = keyof typeof COLOURS;

/** Whether text of `text` on `background` shows: not transparent, and not its background's colour or nearly (white and #fefefe). */
function shows(text: Colour, background: Colour): boolean {
  const light = (colour: Colour) => colour === 'white' || colour === 'nearWhite';
  return text !== 'transparent' && text !== background && !(light(text) && light(background));
}

const spelt = (colours: readonly Colour[]) =>
  fc.constantFrom(...colours).chain((colour) => fc.constantFrom(...COLOURS[colour]).map((spelling) => ({ colour, spelling })));
const backgrounds: Colour[] = ['white', 'nearWhite', 'black', 'red', 'grey'];

test('the footer check judges a link by the colours written, in any spelling, whatever it judged before', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(spelt(Object.keys(COLOURS) as Colour[]), spelt(backgrounds), fc.boolean()), { minLength: 1, maxLength: 12 }), (links) => {
      for (const [text, background, styled] of links) {
        // The background on the link's parent, as a style or as a table cell's attribute.
        const parent = styled ? `<div style="background-color: ${background.spelling}">` : `<table><tr><td bgcolor="${background.spelling}">`;
        const close = styled ? '</div>' : '</td></tr></table>';
        const { linkTargets } = visibleHtml(`${parent}<a href="https://x.org/u" style="color: ${text.spelling}">Unsubscribe</a>${close}`);
        assert.equal(linkTargets.has('https://x.org/u'), shows(text.colour, background.colour), `${text.spelling} on ${background.spelling}`);
      }
    }),
    { numRuns: 300 },
  );
});
