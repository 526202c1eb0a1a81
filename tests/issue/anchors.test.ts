import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paperAnchors } from '../../src/issue/anchors.js';

test('anchors: the whole title as GitHub slugs it, never cut mid-word', () => {
  const title = 'Towards Automated Circuit Discovery for Mechanistic Interpretability in Large Language Models';
  assert.deepEqual(paperAnchors([title]), ['towards-automated-circuit-discovery-for-mechanistic-interpretability-in-large-language-models']);
  assert.deepEqual(paperAnchors(["Language Models Don't Always Say What They Think"]), ['language-models-dont-always-say-what-they-think']);
});

test('anchors: a repeated title gets -1, -2; a title of punctuation alone still has an anchor', () => {
  assert.deepEqual(paperAnchors(['Scaling', 'Scaling', 'Scaling']), ['scaling', 'scaling-1', 'scaling-2']);
  assert.deepEqual(paperAnchors(['???']), ['paper']);
  assert.deepEqual(paperAnchors(['Éléments de théorie']), ['éléments-de-théorie']);
});
