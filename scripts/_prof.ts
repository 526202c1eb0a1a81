import { loadConfig } from '../src/config/load.js';
import { lintIssues } from '../src/lint/engine.js';
import { rules } from '../src/lint/rules/index.js';
const config = await loadConfig('/tmp/corp');
const t0 = performance.now();
await lintIssues(config, { rules, cache: false });
console.log('in-process lint', ((performance.now() - t0) / 1000).toFixed(2), 's');
