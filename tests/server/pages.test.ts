import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadTemplates } from '../../src/render/templates.js';
import { messagePage } from '../../src/server/pages.js';
import { CONFIG_YAML, configOf, makeRoot } from '../helpers/fixture.js';

test('the server keeps a bounded number of pages however many distinct messages requests make it show', () => {
  // An error page quotes the request (the address typed): one kept per distinct request would grow without end.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const config = configOf(makeRoot({}));
  const templates = loadTemplates(config.templatesDir);
  const heapAfter = (pages: number, from: number) => {
    for (let i = from; i < from + pages; i++) messagePage(templates, config, 'error', { heading: 'That did not work', paragraphs: [`Unexpected content type text/x-${i}, expected a form or JSON.`], home: true });
    collect();
    return process.memoryUsage().heapUsed;
  };
  const before = heapAfter(200, 0);
  const after = heapAfter(4000, 200);
  assert.ok(after - before < 4_000_000, `${((after - before) / 1e6).toFixed(1)} MB kept by 4,000 pages`);
});

test('a page the server shows again is the same page, whether kept or rendered anew', () => {
  const config = configOf(makeRoot({}));
  const templates = loadTemplates(config.templatesDir);
  const page = { heading: 'Unsubscribed', paragraphs: ['You will not hear from us again.'], home: true };
  const first = messagePage(templates, config, 'unsubscribe', page);
  for (let i = 0; i < 100; i++) messagePage(templates, config, 'error', { heading: 'Error', paragraphs: [`message ${i}`] });
  assert.equal(messagePage(templates, config, 'unsubscribe', page), first);
  assert.match(first, /You will not hear from us again\./);
});

test('a server page of a Hebrew newsletter is laid out right to left (`<html lang="he" dir="rtl">`), its English sentences marked `lang="en"`', () => {
  const yaml = `${CONFIG_YAML}language: he\n`;
  const config = configOf(makeRoot({}, yaml), yaml);
  const html = messagePage(loadTemplates(config.templatesDir), config, 'unsubscribe', { heading: 'You are unsubscribed', paragraphs: ['You will not hear from us again.'], home: true });
  assert.match(html, /^<!DOCTYPE html>\n<html lang="he" dir="rtl">/);
  assert.ok(html.includes('<h1 lang="en">You are unsubscribed</h1>'), html);
  assert.ok(html.includes('<p lang="en">You will not hear from us again.</p>'), html);
});
