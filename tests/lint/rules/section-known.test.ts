import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/section-known.js';
import { cleanIssue, configWith, lintWith, places } from '../../helpers/fixture.js';

const configYaml = configWith('sections: [Technical alignment / Interpretability, Evaluations, Governance]');
const withSection = (section: string) => cleanIssue().replace('section: Evaluations', `section: ${section}`);

test('section-known: configured sections and top-level parts of them have no message', async () => {
  for (const section of ['Evaluations', 'Technical alignment / Interpretability', 'Technical alignment']) {
    assert.deepEqual(await lintWith([rule], { 'a.md': withSection(section) }, { configYaml }), [], section);
  }
});

test('section-known: without configured sections any section passes', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': withSection('Anything') }), []);
});

test('section-known: a typo is reported at the section with a did-you-mean', async () => {
  const messages = await lintWith([rule], { 'a.md': withSection('Evaluatons') }, { configYaml });
  assert.deepEqual(places(messages), ['section-known 13:14']);
  assert.equal(messages[0]!.message, 'Unexpected section `Evaluatons`, expected `Evaluations`');
});

test('section-known: a subsection on its own suggests its full path', async () => {
  const [message] = await lintWith([rule], { 'a.md': withSection('Interpretability') }, { configYaml });
  assert.equal(message!.message, 'Unexpected section `Interpretability`, expected `Technical alignment / Interpretability`');
});

test('section-known: an unrelated section lists the configured ones', async () => {
  const [message] = await lintWith([rule], { 'a.md': withSection('Robotics') }, { configYaml });
  assert.match(message!.message, /expected one of the config's `sections`: `Technical alignment \/ Interpretability`, `Evaluations`, `Governance`$/);
});
