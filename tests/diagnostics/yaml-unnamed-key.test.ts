import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { unnamedKey } from '../../src/diagnostics/yaml-unnamed-key.js';

test('a key with no name is found in the mapping node it is given, whatever file the mapping is in', () => {
  const yaml = 'send:\n  rate: 20\n  : 5\n';
  const document = parseDocument(yaml);
  const found = unnamedKey(document.getIn(['send'], true), yaml);
  assert.equal(found?.said, 'Unexpected `: 5` with no key before the `:`');
  assert.equal(yaml.slice(...found!.range), ': 5');
  assert.equal(unnamedKey(document.getIn(['send', 'rate'], true), yaml), undefined);
});
