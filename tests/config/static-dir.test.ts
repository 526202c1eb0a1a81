import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, configWith, makeRoot } from '../helpers/fixture.js';

test("config: a staticDir that is or holds the newsletter's folder (`staticDir: .`), or holds the issues folder, is refused at its line:column (exit 2): a build published every issue's source, drafts and their private notes, and the config", () => {
  const cases = [
    ['staticDir: .', /hold the newsletter's own folder/],
    ['staticDir: site\nissuesDir: site/issues', /the issues folder \(`issuesDir`, \S+site\/issues\) lies in the site's own files/],
  ] as const;
  for (const [lines, why] of cases) {
    const issuesDir = lines.includes('issuesDir') ? 'site/issues' : 'issues';
    const root = makeRoot({ [`${issuesDir}/0001-a.md`]: cleanIssue({ number: 1 }) }, configWith(`${lines}\noutDir: ../out-${Math.random().toString(36).slice(2)}`));
    for (const argv of [['build'], ['lint']]) {
      const result = spawnCli([...argv, '--root', root], { cwd: root });
      const said = `${lines} (${argv[0]}): ${result.stderr}`;
      assert.equal(result.code, 2, said);
      assert.match(result.stderr, /^paperboy: \S+paperboy\.config\.yaml:\d+:12: Unexpected value for `staticDir`: /m, said);
      assert.match(result.stderr, why, said);
      assert.doesNotMatch(result.stderr, /\n\s+at /, said);
    }
    assert.equal(existsSync(join(root, issuesDir, '0001-a.md')), true);
  }
});
