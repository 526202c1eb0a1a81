// Eleventy 3 builds one site, as its CLI would, in the process the build
// benchmark spawns (scripts/bench-build.ts): node scripts/bench-eleventy.mjs INPUT OUTPUT
import Eleventy from '@11ty/eleventy';

const [input, output] = process.argv.slice(2);
const eleventy = new Eleventy(input, output, { quietMode: true });
await eleventy.write();
