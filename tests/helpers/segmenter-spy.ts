import type { TestContext } from 'node:test';

/**
 * The lengths (UTF-16 code units) of every text given to an
 * Intl.Segmenter's `segment` for the rest of the test `t`, whichever
 * segmenter (ours, string-width's): Node 20's segmenter slows past a few
 * kilobytes, so the tests check that none is given more.
 */
export function segmentedLengths(t: TestContext): number[] {
  const lengths: number[] = [];
  const segment = Intl.Segmenter.prototype.segment;
  t.mock.method(Intl.Segmenter.prototype, 'segment', function (this: Intl.Segmenter, input: string) {
    lengths.push(input.length);
    return segment.call(this, input);
  });
  return lengths;
}
