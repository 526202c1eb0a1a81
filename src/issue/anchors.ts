import GithubSlugger from 'github-slugger';

/**
 * The HTML anchor of each paper of an issue (`#steering-gpt-2-xl-by-adding-an-activation-vector`),
 * unique within the issue: the whole title as GitHub slugs a heading (github-slugger:
 * lower case, punctuation dropped, spaces to `-`, letters of every script kept),
 * a repeated title gets `-1`, `-2`. Never cut, so an anchor never ends mid-word.
 * Every output links to papers with these, and cross-references in other issues
 * compute them from the stored facts.
 */
export function paperAnchors(titles: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return titles.map((title) => slugger.slug(title) || slugger.slug('paper'));
}
