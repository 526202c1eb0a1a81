import type { PartialCall, TemplateOutline } from './template-outline.js';
import { PARTIALS } from './template-files.js';

/** A loaded template or partial: its name in the set (`email.html`, `partials/header.html`), its file and outline. */
interface Outlined {
  name: string;
  file: string;
  outline: TemplateOutline;
}

/** Partials that include each other in a circle, and the call that closes it. */
export interface PartialLoop {
  /** The partials as they include each other, the first again last: `['header.html', 'footer.html', 'header.html']`. */
  chain: string[];
  /** The file of the call that closes the loop, and the call. */
  file: string;
  call: PartialCall;
}

/**
 * The first loop of partial calls in the set, following only the calls
 * `follow` accepts; undefined when there is none. A call by a name the
 * file defines as an inline partial (`{{#*inline "x"}}`) goes to that one,
 * and a computed name (`{{> (lookup …)}}`) is not known before it runs:
 * neither is followed.
 */
export function findPartialLoop(loaded: readonly Outlined[], follow: (call: PartialCall) => boolean): PartialLoop | undefined {
  const byName = new Map(loaded.map((template) => [template.name, template]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (template: Outlined): PartialLoop | undefined => {
    path.push(template.name);
    for (const call of template.outline.partialCalls) {
      if (call.name === undefined || template.outline.inlinePartials.includes(call.name) || !follow(call)) continue;
      const target = `${PARTIALS}${call.name}`;
      const start = path.indexOf(target);
      if (start !== -1) return { chain: [...path.slice(start), target].map((name) => name.slice(PARTIALS.length)), file: template.file, call };
      const next = byName.get(target);
      const found = next && !done.has(target) ? visit(next) : undefined;
      if (found) return found;
    }
    path.pop();
    done.add(template.name);
    return undefined;
  };
  for (const template of loaded) {
    const found = done.has(template.name) ? undefined : visit(template);
    if (found) return found;
  }
  return undefined;
}

/** The templates running when a stack overflow was thrown, from the repeat at their top: the loop that ran out of stack. */
const recursions = new WeakMap<object, readonly string[]>();

/**
 * Notes on a stack overflow (`error`) the loop of templates it happened in,
 * from `running` (the names of the templates rendering, outermost first):
 * from the last one's previous entry to it. Called by the innermost
 * template first, where the loop is whole; a note already taken is kept.
 */
export function noteRecursion(error: object, running: readonly string[]): void {
  if (recursions.has(error)) return;
  const start = running.lastIndexOf(running.at(-1)!, -2);
  if (start !== -1) recursions.set(error, running.slice(start));
}

/**
 * The loop a stack overflow (`error`) happened in, as `noteRecursion`
 * noted it, with the call that closes it: the first in the last partial
 * but one that includes the last by name, else its first call by a name
 * computed when it runs (`{{> (concat "foot" "er.txt")}}`), the only way
 * left for it to have included that partial (of several such calls, the
 * first). Undefined when none was noted.
 */
export function recursionOf(error: object, loaded: readonly Outlined[]): PartialLoop | undefined {
  const names = recursions.get(error);
  const caller = names && loaded.find(({ name }) => name === names.at(-2));
  const calls = caller?.outline.partialCalls ?? [];
  const call = calls.find(({ name }) => `${PARTIALS}${name}` === names!.at(-1)) ?? calls.find(({ name }) => name === undefined);
  return call && { chain: names!.map((name) => name.slice(PARTIALS.length)), file: caller!.file, call };
}

/** Whether `error` is V8's stack overflow (`RangeError: Maximum call stack size exceeded`). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
