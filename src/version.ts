import { PACKAGE_VERSION } from './package-root.js';

/** paperboy's version, from its package.json. */
export const VERSION: string = PACKAGE_VERSION;
