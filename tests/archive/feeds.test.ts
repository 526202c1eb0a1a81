import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFeeds } from '../../src/archive/feeds.js';
import type { IssueRendering } from '../../src/archive/issue-output.js';

// Markup, an ampersand and a CDATA end: what a title may hold, and what each format must show as written.
const TITLE = 'Attention <is> all & you ]]> need';

const issue = { number: 7, title: TITLE, subject: `#7: ${TITLE}`, date: '2023-06-05', email: { html: '', text: '' } } as unknown as IssueRendering;
const config = { name: 'Test', description: undefined, baseUrl: 'https://news.example.org/' };

/** What feedparser (the reference parser feed readers are tested against) shows of the one entry's title and summary. */
function shownByFeedparser(xml: string): { title: string; summary: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-feed-')), 'feed.xml');
  writeFileSync(file, xml);
  const script = `
import feedparser, html, json, sys
def shown(detail):
    return html.unescape(detail.value) if detail.type == 'text/html' else detail.value
e = feedparser.parse(sys.argv[1]).entries[0]
print(json.dumps({'title': shown(e.title_detail), 'summary': shown(e.summary_detail)}))`;
  const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { title: string; summary: string };
}

test("every feed shows an issue's title and summary as written: markup escaped where a format reads HTML, as is where it reads text", () => {
  const feeds = buildFeeds(config, [issue], () => '<p>Body</p>');
  assert.deepEqual(shownByFeedparser(feeds.atom), { title: `#7: ${TITLE}`, summary: TITLE });
  assert.equal(shownByFeedparser(feeds.rss).summary, TITLE);
  const [item] = (JSON.parse(feeds.json) as { items: { title: string; summary: string }[] }).items;
  assert.deepEqual({ title: item!.title, summary: item!.summary }, { title: `#7: ${TITLE}`, summary: TITLE });
});
