/**
 * YAML 1.1's merge key (`<<: *base`), which YAML 1.2, the version the yaml
 * package reads by default and paperboy with it, does not have: it is a key
 * named `<<`, and the keys it was meant to bring in are missing.
 */
export const MERGE_KEY = '<<';
export const MERGE_KEY_MESSAGE = 'Unexpected merge key `<<`, expected the keys written out here: YAML 1.2, which paperboy reads, has no merge keys (an alias such as `*base` stands for a whole value only)';
