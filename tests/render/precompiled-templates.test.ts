import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Handlebars from 'handlebars';
import { compileOptions, PRECOMPILED_FILE, precompiledTemplate, setUpCompilers, templateFromSpec } from '../../src/render/precompiled-templates.js';
import { templateFiles } from '../../src/render/template-files.js';
import { outlineTemplate } from '../../src/render/template-outline.js';

const STALE = `${PRECOMPILED_FILE} does not hold this template as it is now: run \`npm run build:tool\``;

const builtins = templateFiles().map(({ relativePath, file }) => ({
  name: relativePath.replace(/\.hbs$/, ''),
  source: readFileSync(file, 'utf8'),
}));

test('precompiled templates: the build compiled every built-in template, so none is parsed when a command loads them', () => {
  const names = builtins.map(({ name }) => name);
  for (const name of ['email.html', 'email.txt', 'partials/footer.html']) assert.ok(names.includes(name), name);
  assert.ok(names.some((name) => name.startsWith('web/')), 'the web templates');
  for (const { name, source } of builtins) assert.ok(precompiledTemplate(source, compileOptions(name)), `${name}: ${STALE}`);
});

test('precompiled templates: a compiled form is the code Handlebars compiles from the text with the same options, and the same outline', () => {
  for (const { name, source } of builtins) {
    const options = compileOptions(name);
    const ast = Handlebars.parseWithoutProcessing(source);
    const outline = outlineTemplate(ast);
    const precompiled = precompiledTemplate(source, options);
    assert.ok(precompiled, `${name}: ${STALE}`);
    const env = Handlebars.create();
    setUpCompilers(env);
    assert.equal(precompiled.spec, env.precompile(ast, { ...options }), name);
    assert.deepEqual(precompiled.outline, { ...JSON.parse(JSON.stringify(outline)), helperNames: outline.helperNames }, name);
  }
});

test('precompiled templates: a text the build did not compile (edited since, or a newsletter’s own), or other options, has no compiled form', () => {
  const { name, source } = builtins.find(({ name }) => name === 'email.txt')!;
  assert.ok(precompiledTemplate(source, compileOptions(name)));
  assert.equal(precompiledTemplate(`${source} `, compileOptions(name)), undefined);
  assert.equal(precompiledTemplate(source, { strict: true, noEscape: false }), undefined);
});

test('precompiled templates: a template made from its spec renders what one compiled from the text renders, escaping included', () => {
  const source = '{{#each items}}<b>{{this}}</b>{{/each}} {{{raw}}} {{title}}';
  const options = { strict: true as const, noEscape: false };
  const spec = Handlebars.precompile(Handlebars.parseWithoutProcessing(source), { ...options }) as unknown as string;
  const view = { items: ['a<', '&b'], raw: '<i>x</i>', title: 'T & "q"' };
  const env = Handlebars.create();
  assert.equal(templateFromSpec(env, spec)(view), env.compile(source, options)(view));
  assert.throws(() => templateFromSpec(env, spec)({ items: [], raw: '' }), /"title" not defined/);
});
