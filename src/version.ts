import { readFileSync } from 'node:fs';

/** paperboy's version, from package.json (one directory above src/ and lib/). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
