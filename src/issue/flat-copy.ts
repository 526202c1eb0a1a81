/**
 * A deep copy of `value` whose strings are each their own, not views into
 * a larger one. V8 keeps a substring of 13 or more characters as a slice
 * of the string it was cut from (V8's `SlicedString::kMinLength`): a
 * paper's title cut from its issue file's text kept the whole text (34 KB
 * as a two-byte string) alive for as long as the title, and the facts and
 * summaries a build keeps of 1,000 issues kept every text to its end.
 * structuredClone writes every string anew. Throws a DataCloneError for a
 * value holding a function or a class instance structuredClone cannot copy.
 */
export function flatCopy<T>(value: T): T {
  return structuredClone(value);
}
