import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstSentence } from '../../src/archive/excerpt.js';
import { leadWords } from '../../src/archive/words.js';
import { parseMarkdown } from '../../src/issue/markdown.js';

/** The excerpt of a summary written `markdown`, at most `max` characters, as the build and `papers search` make it. */
function excerpt(markdown: string, max = 160): string {
  return firstSentence(leadWords(parseMarkdown(markdown), markdown), max);
}

const FORMULA = 'Explaining neurons with a language model and scoring by simulation: the score is the correlation $\\rho(\\hat a, a)$ between simulated and real activations.';

test('an excerpt is cut before a formula that would not fit whole, never inside it, and keeps its ellipsis', () => {
  const at = FORMULA.indexOf('$');
  for (let max = at + 2; max < at + 18; max++) assert.equal(excerpt(FORMULA, max), 'Explaining neurons with a language model and scoring by simulation: the score is the correlation…', String(max));
  assert.equal(excerpt(FORMULA, at + 18), `${FORMULA.slice(0, at + 17)}…`, 'a formula that fits is kept whole');
  assert.equal(excerpt('A cost of $$ n \\log n $$ per step, which is far less than before.', 20), 'A cost of…');
});

test('an excerpt is cut before a URL or a word that would not fit whole, between words', () => {
  assert.equal(excerpt('See https://example.org/a/very/long/path/to/the/paper.html for the code.', 30), 'See…');
  assert.equal(excerpt('Interpretability of transformers.', 22), 'Interpretability of…');
  assert.equal(excerpt('Incomprehensibilities abound here.', 10), '…', 'a first word longer than the excerpt leaves only the ellipsis');
});

test("an excerpt's sentence ends at a full stop outside math, not at one inside a formula", () => {
  assert.equal(excerpt('The bound $a. b$ holds. Then more.', 100), 'The bound $a. b$ holds.');
  assert.equal(excerpt('It costs $5. Then more.', 100), 'It costs $5.', 'a lone dollar is a character of its word');
  assert.equal(excerpt('Short and whole. Then more.', 16), 'Short and whole.');
});

test("an excerpt's sentence does not end at the stop of a common abbreviation or an initial", () => {
  assert.equal(excerpt('Bengio answers common objections, e.g. "we can just turn it off". Second sentence.'), 'Bengio answers common objections, e.g. "we can just turn it off".');
  assert.equal(excerpt('Wei et al. argue that emergence is real. Then more.'), 'Wei et al. argue that emergence is real.');
  assert.equal(excerpt('We train on 3.5 B tokens vs. 7 B in Fig. 2 and Eq. 3 of Sec. 4. Then more.'), 'We train on 3.5 B tokens vs. 7 B in Fig. 2 and Eq. 3 of Sec. 4.');
  assert.equal(excerpt('As (cf. Dr. J. Smith) shows, i.e. approx. 5 runs. Then more.'), 'As (cf. Dr. J. Smith) shows, i.e. approx. 5 runs.');
  assert.equal(excerpt('Trained in the U.S. and then tested. Then more.'), 'Trained in the U.S. and then tested.');
  assert.equal(excerpt('It works, etc. Then more.'), 'It works, etc.', 'a word that often ends a sentence still does');
  assert.equal(excerpt('Is it? Yes! Then more.'), 'Is it?');
});

test('excerpt: a sentence ending in a single capital ("model B.", "Appendix C.", "Figure A.") or "et al." ends there when the next word opens a sentence', () => {
  assert.equal(excerpt('We compare it with the trained model B. Then we ablate its heads. More.'), 'We compare it with the trained model B.');
  assert.equal(excerpt('The proofs are in Appendix C. The experiments follow them. More.'), 'The proofs are in Appendix C.');
  assert.equal(excerpt('See the tail of Table 2 and Figure A. Next, we vary the width. More.'), 'See the tail of Table 2 and Figure A.');
  assert.equal(excerpt('The setup is that of Appendix C. Experiments follow it. More.'), 'The setup is that of Appendix C.', 'after a label noun any capitalized word opens a sentence');
  assert.equal(excerpt('We reproduce Wei et al. However, the effect fades. More.'), 'We reproduce Wei et al.');
  assert.equal(excerpt('Ablating (model B). "Then" is the next word. More.'), 'Ablating (model B).', 'a closing bracket before the stop');
});

test('excerpt: initials of names still end no sentence, whatever the word after', () => {
  assert.equal(excerpt('Work by J. Smith shows it. More.'), 'Work by J. Smith shows it.');
  assert.equal(excerpt('Work by A. B. Jones shows it. More.'), 'Work by A. B. Jones shows it.');
  assert.equal(excerpt('As K. He et al. show, residuals help. More.'), 'As K. He et al. show, residuals help.', 'a surname that is an English word ("He") is no opener');
  assert.equal(excerpt('LAMB, by Y. You and others, scales. More.'), 'LAMB, by Y. You and others, scales.');
  assert.equal(excerpt('Results from Table 2 and J. Lee agree. More.'), 'Results from Table 2 and J. Lee agree.');
  assert.equal(excerpt('Trained in the U.S. The rest is tested. More.'), 'Trained in the U.S. The rest is tested.', 'a dotted abbreviation still ends nothing');
  assert.equal(excerpt('Compare Fig. A with it. More.'), 'Compare Fig. A with it.');
});

test('an escaped dollar in a summary is text in its excerpt: its sentence ends at its stop, and math after it stays whole', () => {
  assert.equal(excerpt('The contest paid \\$100,000 in prizes. Loss scales as $\\log N$ here.'), 'The contest paid $100,000 in prizes.');
  const long = 'Prizes of \\$5 each go to $\\log N$ winners';
  const words = 'Prizes of $5 each go to $\\log N$ winners';
  assert.equal(excerpt(long, words.indexOf('N$')), 'Prizes of $5 each go to…', 'the formula after the escaped dollar is never cut');
});

test("an excerpt is taken from the summary's first paragraph of prose: code, a quote, a table, a heading or math before it is not run into it", () => {
  const prose = '\n\nThen prose. More prose.';
  assert.equal(excerpt(`\`\`\`python\nloss = mse(x, x_hat) + lam * l1(f)\n\`\`\`${prose}`), 'Then prose.');
  assert.equal(excerpt(`> A quote from the paper.${prose}`), 'Then prose.');
  assert.equal(excerpt(`| a | b |\n|---|---|\n| 1 | 2 |${prose}`), 'Then prose.');
  assert.equal(excerpt(`### Setup${prose}`), 'Then prose.');
  assert.equal(excerpt(`$$\nE = mc^2\n$$${prose}`), 'Then prose.');
  assert.equal(excerpt('We find three things:\n\n- first, a thing;\n- second.'), 'We find three things:', 'a list after the prose is not run into it either');
  assert.equal(excerpt('- The first finding. More.\n- The second.'), 'The first finding.', "a list's item is prose");
  assert.equal(excerpt('| a | b |\n|---|---|\n| 1 | 2 |'), 'a b 1 2', 'a summary without prose gives all its words');
});

const CHINESE = '这篇论文研究了大型语言模型在多步推理任务中的表现，并提出了一种新的评估方法。我们发现模型规模越大，推理能力越强。';
const THAI = 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ';

test('excerpt: a Chinese or Japanese sentence ends at its 。, ！ or ？, with no space after it', () => {
  assert.equal(excerpt(CHINESE.repeat(3)), '这篇论文研究了大型语言模型在多步推理任务中的表现，并提出了一种新的评估方法。');
  assert.equal(excerpt('这篇论文研究了推理。我们发现模型越大越好。'), '这篇论文研究了推理。');
  assert.equal(excerpt('この論文は推論能力を調べたものです。結果として、性能が上がる。'), 'この論文は推論能力を調べたものです。');
  assert.equal(excerpt('真的吗？是的！'), '真的吗？');
  assert.equal(excerpt('彼は「これは本当だ。」と言った。次の文。'), '彼は「これは本当だ。」と言った。', 'a stop inside a quote the sentence goes on after ends nothing');
  assert.equal(excerpt('他说：“这是真的。” Then more.'), '他说：“这是真的。”', 'a stop before a closing quote ends the sentence with the quote');
});

test('excerpt: text without spaces (Chinese, Japanese, Thai) too long for the excerpt is cut between its words, not lost', () => {
  const chinese = excerpt(CHINESE.replaceAll('。', '，').repeat(3));
  assert.ok(chinese.endsWith('…') && chinese.length > 150 && chinese.length <= 160, chinese);
  assert.ok(CHINESE.replaceAll('。', '，').repeat(3).startsWith(chinese.slice(0, -1)));
  const thai = excerpt(THAI.repeat(6));
  assert.ok(thai.endsWith('…') && thai.length > 120 && thai.length <= 160, thai);
  // The cut falls where the word segmentation ends a word: "การ|เว้น", never inside "เว้น".
  const words = new Intl.Segmenter('en', { granularity: 'word' }).segment(THAI.repeat(6));
  const ends = new Set([...words].map(({ index, segment }) => index + segment.length));
  assert.ok(ends.has(thai.length - 1), thai);
  assert.equal(excerpt(`${'研究'.repeat(70)}见https://example.org/a/very/long/path/to/the/paper.html 的代码`), `${'研究'.repeat(70)}见…`, 'a URL is still cut nowhere');
  assert.equal(excerpt(`${'研究'.repeat(75)}$x + y = z$ 的代码`), `${'研究'.repeat(75)}…`, 'nor is math');
});

test('excerpt: a full stop before a lower-case word or a digit ends no sentence ("p. 5", "Example Inc. and")', () => {
  assert.equal(excerpt('The full proof is on p. 5 of the appendix, and it is short. More.'), 'The full proof is on p. 5 of the appendix, and it is short.');
  assert.equal(excerpt('Researchers at Example Inc. and two universities trained the model. More.'), 'Researchers at Example Inc. and two universities trained the model.');
  assert.equal(excerpt('The list ends at 1\\. dot. More.'), 'The list ends at 1. dot.');
  assert.equal(excerpt('See Ref. 12 for details. More.'), 'See Ref. 12 for details.');
  assert.equal(excerpt('It runs. Then it stops.'), 'It runs.', 'a capital after a stop still starts a sentence');
  assert.equal(excerpt('It runs.'), 'It runs.');
});

test('excerpt: a `!` or `?` before a lower-case word ends no sentence ("Yahoo! researchers", "the why? question"), before a capital it does', () => {
  assert.equal(excerpt('Yahoo! researchers found that scaling helps on every benchmark. More.'), 'Yahoo! researchers found that scaling helps on every benchmark.');
  assert.equal(excerpt('The so-called why? question is left open by the authors. More.'), 'The so-called why? question is left open by the authors.');
  assert.equal(excerpt('They ask whether it scales? (it does) and by how much. More.'), 'They ask whether it scales? (it does) and by how much.', 'an opening bracket before the word is read past');
  assert.equal(excerpt('The so-called "why?" question is open. More.'), 'The so-called "why?" question is open.', 'a quote after it: no end, as before');
  assert.equal(excerpt('It works! Then we scale it up.'), 'It works!');
  assert.equal(excerpt('Does it scale? Yes, mostly.'), 'Does it scale?');
  assert.equal(excerpt('Does it scale? "Yes," they say.'), 'Does it scale?');
  assert.equal(excerpt('Does it scale?'), 'Does it scale?');
  assert.equal(excerpt('これは本当？はい、そうです。'), 'これは本当？', 'a fullwidth stop of Chinese or Japanese, as before');
});

test('excerpt: a fullwidth `．` between digits ("１．５") is a decimal point, no end of the sentence; between words it ends one', () => {
  assert.equal(excerpt('模型在测试中得到１．５分的提升。第二句话在这里。'), '模型在测试中得到１．５分的提升。');
  assert.equal(excerpt('精度は3．2ポイント上がった。次の文。'), '精度は3．2ポイント上がった。', 'ASCII digits around it too');
  assert.equal(excerpt('結果を示す．次に手法を述べる．'), '結果を示す．', 'a Japanese technical text ends its sentence at `．`');
  assert.equal(excerpt('第１．'), '第１．', 'a `．` after a digit at the end of the text ends it');
});

test('excerpt: struck text keeps its `~~`, as the plaintext email writes it, so a correction does not read as said', () => {
  assert.equal(excerpt('We ~~never~~ *always* see gains of ~5%. Next.'), 'We ~~never~~ always see gains of ~5%.');
  assert.equal(excerpt('It ~~fails. Badly.~~ works. Next.'), 'It ~~fails. Badly.~~ works.', 'a stop inside struck text ends no sentence');
  assert.equal(excerpt('Our result ~~does not hold for larger models~~ holds.', 20), 'Our result…', 'struck words that do not fit whole are left out, never cut');
});

test('excerpt: a paragraph of images alone is no prose, its alt text not taken for the summary\'s first sentence', () => {
  assert.equal(excerpt('![A plot of loss](https://example.org/p.png)\n\nLoss goes down. Up later.'), 'Loss goes down.');
  assert.equal(excerpt('[![build](https://example.org/b.svg)](https://example.org/ci)\n\nThe code runs. More.'), 'The code runs.', 'a badge: an image in a link');
  assert.equal(excerpt('The curve ![loss](https://example.org/p.png) falls. More.'), 'The curve loss falls.', "an image among words is read by its alt text, as search reads it");
  assert.equal(excerpt('![A plot of loss](https://example.org/p.png)'), 'A plot of loss', 'a summary of an image alone gives its words');
});

test('excerpt: a no-break space is kept and never cut at, nor ends a sentence after a stop, so a number or a name it ties stays whole', () => {
  const nbsp = '\u00a0';
  const summary = `The model has 175${nbsp}000${nbsp}000 parameters and more. Next.`;
  for (const max of [18, 22, 25]) assert.equal(excerpt(summary, max), 'The model has…', String(max));
  assert.equal(excerpt(summary), `The model has 175${nbsp}000${nbsp}000 parameters and more.`);
  assert.equal(excerpt(`Written by Mr.${nbsp}Smith. Next.`), `Written by Mr.${nbsp}Smith.`);
  assert.equal(excerpt(`As in Ex.\u202fA we train. Next.`), `As in Ex.\u202fA we train.`, 'a narrow no-break space after a stop ends no sentence');
});
