/* eslint-disable no-control-regex -- these tests are about the escape codes a terminal receives */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, formatReferences, plainStyle, ReferenceList } from '../../../src/render/text/index.js';
import { formatInboxHeader, terminalStyle, truncateToWidth } from '../../../src/render/terminal/index.js';
import { briefAuthors } from '../../../src/render/format.js';
import { cleanIssue, cleanIssueWithMarkdown } from '../../helpers/fixture.js';
import { CONTROL, PLAIN, previewSample, previewText, visible } from './fixture.js';
import { flat, renderAll, rootWith } from '../../helpers/render.js';

const OSC8 = '\u001b]8;;';

test('colour off: no escape code or control character at all, in any sample issue', async () => {
  for (const number of [1, 2, 3, 4, 5]) {
    for (const width of [40, 80]) {
      const output = await previewSample({ ...PLAIN, width }, number);
      const line = output.split('\n').findIndex((text) => CONTROL.test(text));
      assert.equal(line, -1, `issue ${number} at ${width}: control character on line ${line + 1}`);
    }
  }
});

test('colour off: links are numbered references listed as in the plaintext, cross-references show their issue', async () => {
  const output = await previewSample({ ...PLAIN, width: 80 });
  assert.match(flat(output), /last month \(#4\) \[1\]/);
  assert.match(output, /^\[1\] https:\/\/newsletter\.example\.org\/issues\/4\/$/m);
  assert.doesNotMatch(output, /\(https:\/\//, 'no URL in the running text, where the terminal would break it');
  assert.match(output, /^ {3}https:\/\/arxiv\.org\/abs\/2309\.08600$/m);
});

test('colour and hyperlinks: link texts and paper titles are OSC 8 links, with no URL written after them', async () => {
  const output = await previewSample({ width: 80, color: true, hyperlinks: true });
  assert.ok(output.includes(`${OSC8}https://newsletter.example.org/issues/4/\u001b\\`), 'the cross-reference is a hyperlink');
  assert.ok(output.includes(`${OSC8}https://arxiv.org/abs/2309.08600\u001b\\`), 'the paper title is a hyperlink');
  assert.doesNotMatch(visible(output), /\(https:\/\/newsletter\.example\.org\/issues\/4\/\)/);
  assert.match(visible(output), /last month \(#4\)/);
});

test('colour without hyperlink support: styled text, no OSC 8, links as dimmed numbered references', async () => {
  const output = await previewSample({ width: 80, color: true, hyperlinks: false });
  assert.ok(!output.includes(OSC8));
  assert.match(output, /\u001b\[2m ?\[1\]\u001b\[0m/);
  assert.match(visible(output), /^\[1\] https:\/\/newsletter\.example\.org\/issues\/4\/$/m);
  assert.ok(output.includes('\u001b[1mOpinion:\u001b[0m'));
});

test('lines fit the width, except a URL or code that cannot be broken', async () => {
  for (const width of [40, 80, 120]) {
    for (const line of (await previewSample({ width, color: true, hyperlinks: true })).split('\n')) {
      const text = visible(line);
      if (displayWidth(text) > width) assert.match(text, /https?:\/\/\S{20,}|^ {4}/, `over ${width} columns: ${text}`);
    }
  }
});

test('inbox header: subject and preheader cut where a phone cuts them, the HTML size against 102 KB, the counts', async () => {
  const lines = (await previewSample({ ...PLAIN, width: 120 })).split('\n');
  assert.equal(lines[0], 'From     The Alignment Digest <digest@newsletter.example.org>');
  assert.equal(lines[1], 'Subject  #5: Can models tell they are being test…');
  assert.equal(displayWidth(lines[1]!.slice(9)), 40);
  assert.equal(displayWidth(lines[2]!.slice(9)), 90);
  assert.match(lines[2]!, /^Preview {2}Out-of-context reasoning, .*…$/);
  assert.equal(lines[3], 'Size     HTML 38.2 KB of 102 KB');
  assert.match(lines[4]!, /^Counts {3}7 papers · 13 links · 1,6\d\d words · 7 min read$/);
});

test('inbox header: an HTML email over 102 KB is flagged; no preheader is said', () => {
  const style = terminalStyle(PLAIN);
  const counts = { papers: 1, links: 1, words: 1, readingMinutes: 1 };
  const header = formatInboxHeader({ from: 'A <a@example.org>', subject: 'S', preheader: undefined, htmlBytes: 131_400, counts }, 80, style);
  assert.match(header, /^Size {5}HTML 131\.4 KB of 102 KB \(Gmail will clip it\)$/m);
  assert.match(header, /^Preview {2}\(none: inboxes show the first text of the email instead\)$/m);
  assert.match(header, /^Counts {3}1 paper · 1 link · 1 word · 1 min read$/m);
});

test('sections as the email has them: highlights first, then the config order, nested', async () => {
  const output = await previewSample({ ...PLAIN, width: 80 });
  const headings = [...output.matchAll(/^(.+)\n[=~-]+$/gm)].map((match) => match[1]);
  assert.deepEqual(headings.slice(1), ['Highlights', 'Technical alignment', 'Evaluations', 'Governance', 'Capabilities']);
  assert.match(output, /^1\. Sparse Autoencoders/m);
  assert.match(output, /^7\. Large Language Models as Optimizers$/m);
});

test('each paper: metadata on one dim line, Summarized by, H/T, and the private notes set apart', async () => {
  const plain = await previewSample({ ...PLAIN, width: 120 });
  assert.match(plain, /^ {3}Peter S\. Park, Simon Goldstein, Aidan O'Gara, Michael Chen and Dan Hendrycks · 2023 · #deception #survey #policy$/m);
  assert.match(plain, /^ {3}Summarized by Søren Ekdahl$/m);
  assert.match(plain, /^H\/T Ana Kovačević$/m);
  assert.match(plain, /^Private notes \(not sent\)\n {2}Léa would prefer to hold this/m);

  const colored = await previewSample({ width: 120, color: true, hyperlinks: false });
  const start = colored.indexOf('Private notes');
  const notes = colored.slice(start, colored.indexOf('\n\n', start));
  assert.match(notes, /later issue/);
  for (const [, codes] of notes.matchAll(/\u001b\[([0-9;]+)m/g)) {
    if (codes !== '0') assert.ok(codes!.split(';').includes('2'), `notes text not dimmed: ${codes}`);
  }
});

test('a long author list shortens to "et al." only when it would not fit one line', async () => {
  const output = await previewSample({ ...PLAIN, width: 80 });
  assert.match(output, /^ {3}Lukas Berglund et al\. · 2023 · #generalization #knowledge #reversal-curse$/m);
});

test('the preview lists a paper\'s authors as the email does: every name up to email.maxAuthors, wrapped, else the first author, "Last, First" read "First Last", and "et al."', async () => {
  const authors = ['Zou, Andy', 'Wang, Zifan', 'Kolter, J. Zico', 'Fredrikson, Matt', 'Carlini, Nicholas', 'Nasr, Milad'];
  const withAuthors = (names: string[]) => cleanIssue().replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', `authors: ${JSON.stringify(names)}`);
  // Six names (the default maxAuthors): every one, as in the email, though they take two lines of 60 columns.
  const six = await previewText(withAuthors(authors), { ...PLAIN, width: 60 });
  const { root } = await rootWith({ '0001-x.md': withAuthors(authors) });
  const email = (await renderAll(root, '1')).text;
  // Written "Last, First", listed as written, separated by semicolons, in both.
  for (const name of authors) {
    assert.ok(six.replace(/\n +/g, ' ').includes(name), `${name} in the preview`);
    assert.ok(email.replace(/\n +/g, ' ').includes(name), `${name} in the email`);
  }
  assert.doesNotMatch(six, /et al\./);
  // Seven: the email's short form, spelt by the same function.
  const seven = await previewText(withAuthors([...authors, 'Hendrycks, Dan']), { ...PLAIN, width: 80 });
  assert.match(seven, /^ {3}Andy Zou et al\. · 2023 · #emergence #scaling$/m);
  assert.ok(seven.includes(`   ${briefAuthors([...authors, 'Hendrycks, Dan'], 6)} · 2023`));
});

test('wide characters wrap by display width: CJK text in 30 columns', async () => {
  const summary = '大規模言語モデルは、訓練中に読んだテストの説明を使って、テストされているときに異なる行動をとることができるか。この論文はその前兆を測定する。';
  const output = await previewText(cleanIssueWithMarkdown({ summary }), { ...PLAIN, width: 30 });
  const start = output.indexOf('大規模');
  const lines = output.slice(start).split('\n\n')[0]!.split('\n');
  assert.ok(lines.length >= 5, `wrapped into ${lines.length} lines`);
  for (const line of lines.slice(0, -1)) assert.ok(displayWidth(line) <= 30 && displayWidth(line) >= 26, `${displayWidth(line)} columns: ${line}`);
  assert.equal(lines.join(''), summary);
});

test('escape sequences written in an issue never reach the terminal', async () => {
  const text = cleanIssue({ title: 'Title \u001b[2J\u001b]8;;https://evil.example\u0007trap' });
  for (const options of [PLAIN, { color: true, hyperlinks: true }]) {
    const output = await previewText(text, { ...options, width: 80 });
    assert.ok(!output.includes('\u001b[2J') && !output.includes('evil.example'), 'the sequence is dropped');
  }
});

test('truncateToWidth: by display width, between grapheme clusters, ending in …', () => {
  assert.equal(truncateToWidth('short', 10), 'short');
  assert.equal(truncateToWidth('a subject that is too long', 10), 'a subject…');
  assert.equal(truncateToWidth('日本語の件名です', 7), '日本語…');
  assert.equal(truncateToWidth('👩‍👩‍👧 family news today', 4), '👩‍👩‍👧…');
  assert.equal(truncateToWidth('e\u0301e\u0301e\u0301e\u0301', 3), 'e\u0301e\u0301…');
});

test('headings are underlined once (the rule), never also by SGR 4; the issue title in its own colour; paper titles bold, not underlined like links; code apart from dimmed text', async () => {
  const output = await previewSample({ width: 80, color: true, hyperlinks: true });
  assert.ok(output.includes('\u001b[1;35mSituational awareness'), 'the issue title: bold magenta');
  assert.ok(output.includes('\u001b[1;36mHighlights\u001b[0m'), 'a section: bold cyan, no underline');
  assert.ok(!/\u001b\[[\d;]*\b4\b[\d;]*mHighlights/.test(output));
  assert.match(output, /\u001b\[1mSparse Autoencoders Find Highly/, 'the paper title: bold only');
  const code = await previewText(cleanIssueWithMarkdown({ summary: 'Uses `grep` and a [link](https://a.example/).' }), { width: 80, color: true, hyperlinks: false });
  assert.ok(code.includes('\u001b[32mgrep\u001b[0m'), 'inline code: green, not dim');
  assert.match(code, /\u001b\[2m ?\[1\]\u001b\[0m/, 'the reference: dim');
});

test('inbox header: every line within --width, the "(none: …)" preview wrapped under its label', async () => {
  const text = cleanIssue().replace(/^preheader: .*\n/m, '');
  const output = await previewText(text, { ...PLAIN, width: 60 });
  const header = output.split('\n').slice(0, 7);
  for (const line of header) assert.ok(displayWidth(line) <= 60, `over 60 columns: ${line}`);
  assert.match(header.join('\n'), /^Preview {2}\(none: inboxes show the first text of the email\n {9}instead\)$/m);
  assert.ok(header.includes('─'.repeat(60)), 'the rule as wide as the text');
});

test('tab-aligned code stays aligned in the preview: its tabs reach the terminal as spaces to the code\'s own 8-column stops', async () => {
  const summary = 'Scores:\n\n```\nid\tscore\ngpt4\t0.91\nllama-2\t0.85\n```';
  for (const options of [PLAIN, { color: true, hyperlinks: false }]) {
    const lines = visible(await previewText(cleanIssueWithMarkdown({ summary }), { ...options, width: 60 })).split('\n');
    const start = lines.indexOf('    id      score');
    assert.notEqual(start, -1, lines.join('\n'));
    assert.deepEqual(lines.slice(start, start + 3), ['    id      score', '    gpt4    0.91', '    llama-2 0.85']);
  }
});

/** Columns a terminal (wcwidth) gives a line of Latin text, box-drawing glyphs and the characters below: one per code point, two for a Hangul filler. */
const drawnColumns = (line: string): number => [...visible(line)].reduce((sum, c) => sum + (/[\u115f\u3164]/.test(c) ? 2 : 1), 0);

test('no line the preview writes is drawn wider than its width: soft hyphens and the other characters measured as no column but drawn by terminals are left out', async () => {
  const shy = '\u00ad';
  const word = ['in', 'ter', 'na', 'tion', 'al', 'iza', 'tion'].join(shy);
  const short = ['hy', 'phen', 'at', 'ed'].join(shy);
  const summary = [
    `Our models: ${word} works and more words here, ${word} again and ${word} once more.`,
    '',
    `Fillers: a\u3164b c\uffa0d e\u115ff and an unassigned \u2065 one.`,
    '',
    `| Model | Notes |`,
    `| --- | --- |`,
    `| ${short} | ${short} ${short} |`,
    `| x | y |`,
  ].join('\n');
  for (const options of [PLAIN, { color: true, hyperlinks: true }]) {
    for (const width of [36, 40, 44, 50]) {
      const output = await previewText(cleanIssueWithMarkdown({ summary }), { ...options, width });
      assert.ok(!/[\u00ad\u115f\u3164\uffa0\u2065]/.test(output), 'none reaches the terminal');
      for (const line of output.split('\n')) assert.ok(drawnColumns(line) <= width, `${drawnColumns(line)} columns drawn at ${width}: ${visible(line)}`);
      assert.ok(visible(output).includes('internationalization'), 'the word itself is whole');
    }
  }
});

test('a Hangul filler that a mark joins into one grapheme keeps its two columns, as the layout measured it', async () => {
  const output = await previewText(cleanIssueWithMarkdown({ summary: 'Joined: \u3164\u0301 here.' }), { ...PLAIN, width: 60 });
  assert.ok(output.includes('\u3164\u0301'));
});

test('inbox header: From, Size and Counts wrap under their label at a narrow width, every line within it (an address wider than the room cut over lines, every character kept); only subject and preview are cut short, as a phone cuts them', () => {
  const style = terminalStyle(PLAIN);
  const counts = { papers: 7, links: 24, words: 2104, readingMinutes: 9 };
  const from = 'The Alignment Digest <digest@newsletter.example.org>';
  for (const width of [20, 30, 40]) {
    for (const htmlBytes of [27_600, 131_400]) {
      const lines = formatInboxHeader({ from, subject: 'S', preheader: 'P', htmlBytes, counts }, width, style).split('\n');
      const rowOf = (label: string): string => {
        const start = lines.findIndex((line) => line.startsWith(`${label} `));
        const end = lines.findIndex((line, i) => i > start && !line.startsWith(' '));
        return lines.slice(start, end).map((line) => line.slice(9)).join(' ');
      };
      // Wrapped at spaces, and the address cut where it is wider than the room: the row's characters are the address's.
      assert.equal(rowOf('From').replace(/\s/g, ''), from.replace(/\s/g, ''), `${width}: ${lines.join('\n')}`);
      if (width >= 40) assert.equal(rowOf('From'), from);
      assert.equal(rowOf('Size'), htmlBytes > 102_000 ? 'HTML 131.4 KB of 102 KB (Gmail will clip it)' : 'HTML 27.6 KB of 102 KB');
      assert.equal(rowOf('Counts'), '7 papers · 24 links · 2,104 words · 9 min read');
      for (const line of lines) assert.ok(displayWidth(line) <= width, `over ${width}: ${line}`);
    }
  }
});

test('a table of long URLs fits --width: the URLs are cut within their column, none of their text lost', async () => {
  const urls = ['https://example.org/a/very/long/path/that/goes/on/and/on/forever/index.html', 'https://example.org/another/really-long-url-with-many-segments/x'];
  const body = ['| Name | Link |', '| --- | --- |', `| paper one | ${urls[0]} |`, `| two | <${urls[1]}> |`].join('\n');
  for (const options of [PLAIN, { color: true, hyperlinks: true }]) {
    const lines = visible(await previewText(cleanIssue({ body }), { ...options, width: 50 })).split('\n');
    const table = lines.slice(lines.findIndex((line) => line.startsWith('Name')));
    for (const line of table) assert.ok(displayWidth(line) <= 50, `over 50 columns: ${line}`);
    const linkColumn = table.slice(2).map((line) => line.split(' │ ')[1] ?? '').join('');
    assert.ok(linkColumn.startsWith(urls.join('')), linkColumn);
  }
});

test('the reference list and a paper\'s URL fit --width: a URL too long for its line is cut over the lines under it, aligned, every character kept; the email keeps it whole', async () => {
  const long = 'https://example.org/an-extraordinarily-long-path-segment-that-never-ends/index.html?query=abcdefghijklmnopqrstuvwxyz';
  const paperUrl = 'https://arxiv.org/abs/2304.15004/with/a/very/long/tail/that/goes/on/and/on/forever';
  const text = cleanIssue({ body: `See [the long one](${long}) and [a short one](https://e.org/).` }).replace('url: https://arxiv.org/abs/2304.15004', `url: ${paperUrl}`);
  for (const options of [PLAIN, { color: true, hyperlinks: false }]) {
    for (const width of [20, 40]) {
      const lines = visible(await previewText(text, { ...options, width })).split('\n');
      // The sender's address, a fact of the inbox header, wraps under its label but is never cut (its own test above).
      for (const line of lines) assert.ok(displayWidth(line) <= width || line.trim() === '<news@example.org>', `over ${width} columns: ${line}`);
      const first = lines.findIndex((line) => line.startsWith('[1] '));
      const continued = lines.slice(first + 1).findIndex((line) => !line.startsWith('    '));
      const reference = lines.slice(first, first + 1 + continued);
      assert.equal(reference.map((line) => line.slice(4)).join(''), long, reference.join('\n'));
      assert.equal(lines[first + 1 + continued], '[2] https://e.org/');
      const url = lines.findIndex((line) => line.startsWith('   https://arxiv.org'));
      // The URL's pieces, up to the metadata line (which has spaces).
      const urlLines = lines.slice(url, url + lines.slice(url).findIndex((line) => !/^ {3}\S+$/.test(line)));
      assert.equal(urlLines.map((line) => line.trim()).join(''), paperUrl, urlLines.join('\n'));
    }
  }
  const list = new ReferenceList();
  list.number(long);
  assert.equal(formatReferences(list, plainStyle, 20), `[1] ${long}`, 'the plaintext email never cuts a URL');
});

test('a word wider than --width (a bare URL, long inline code) in a paragraph, a list, a quote, a heading or a paper title is cut over lines that fit, every character kept', async () => {
  const url = `https://example.org/${'path/'.repeat(12)}end`;
  const code = `\`${'snake_case_'.repeat(6)}name\``;
  const title = `Models ${'Super'.repeat(10)}Long`;
  const summary = `See ${url} now, and ${code} too.\n\n- item ${url}\n\n> quoted ${code}`;
  const body = `## Heading ${url}\n\nWelcome.`;
  const text = cleanIssueWithMarkdown({ summary }, { body }).replace('title: Are Emergent Abilities of Large Language Models a Mirage?', `title: ${title}`);
  for (const options of [PLAIN, { color: true, hyperlinks: true }]) {
    const output = visible(await previewText(text, { ...options, width: 40 }));
    for (const line of output.split('\n')) assert.ok(displayWidth(line) <= 40, `over 40 columns: ${line}`);
    // Copying the text gives it back: the pieces, joined without the line breaks and the prefixes, are the word.
    const joined = output.replace(/\n(?:│ |• | {2,})?/g, '');
    for (const word of [url, code.replaceAll('`', ''), `${'Super'.repeat(10)}Long`]) assert.ok(joined.includes(word), `${word} kept whole:\n${output}`);
  }
});

test('every line of the preview fits --width 20, 30 and 40: the private notes\' label wraps, a code block\'s and display math\'s long lines are cut over indented lines, every character kept', async () => {
  const code = 'code_block_line_that_is_quite_long_and_unbreakable_really_very_long';
  const math = String.raw`\sum_{i=1}^{n} \mathrm{Pneumonoultramicroscopicsilicovolcanoconiosis}_i`;
  const issue = cleanIssueWithMarkdown({ summary: ['A summary.', '', '```', code, '```', '', '$$', math, '$$'].join('\n'), notes: 'A private note.' });
  for (const width of [20, 30, 40]) {
    for (const options of [PLAIN, { color: true, hyperlinks: true }]) {
      const lines = visible(await previewText(issue, { ...options, width })).split('\n');
      for (const line of lines) assert.ok(displayWidth(line) <= width, `over ${width}: ${line}`);
      // The pieces of a cut line, each under the code's indentation, read back as the line.
      const pieces = lines.filter((line) => /^ {4}\S/.test(line)).map((line) => line.slice(4));
      assert.ok(pieces.join('').includes(code), `${width}: ${pieces.join('\n')}`);
      assert.ok(pieces.join('').includes(math), `${width}: ${pieces.join('\n')}`);
      assert.ok(lines.join(' ').includes('Private notes (not sent)'));
    }
  }
});

test('a link\'s reference number and a cross-reference\'s issue stay whole on the line of their word, never cut in two nor starting a line, where the word fills the line: the cut falls before the word\'s last character', async () => {
  const word = 'Donaudampfschifffahrtsgesellschaft'; // 34 columns: it fits every width below alone, not with its markers
  const summary = `See [${word}](https://example.org/a) and [${word}](issue:1).`;
  for (let width = word.length; width <= word.length + 9; width++) {
    const output = visible(await previewText(cleanIssueWithMarkdown({ summary }), { ...PLAIN, width }));
    const lines = output.split('\n');
    for (const line of lines) assert.ok(displayWidth(line) <= width, `over ${width}: ${line}`);
    assert.ok(!lines.some((line) => /(?:\[|\(#?)$/.test(line) || /^\s*(?:\[\d|\(#|\d*\]|#?\d*\))/.test(line) && !/^\[\d+\] https:/.test(line)), `a marker cut or starting a line at ${width}:\n${output}`);
    // Copied from the terminal, the word and its markers read back as written.
    const joined = output.replace(/\n/g, '');
    for (const written of [`${word} [1]`, `${word} (#1) [2]`]) assert.ok(joined.includes(written), `${written} at ${width}:\n${output}`);
  }
});
