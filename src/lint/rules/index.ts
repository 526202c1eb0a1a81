import type { Rule } from '../types.js';
import fileEncoding from './file-encoding.js';
import frontmatterMissing from './frontmatter-missing.js';
import frontmatterSchema from './frontmatter-schema.js';
import issueNumberUnique from './issue-number-unique.js';
import opinionMissing from './opinion-missing.js';
import yamlSyntax from './yaml-syntax.js';

/** Every lint rule, in the order their messages are documented. */
export const rules: Rule[] = [
  fileEncoding,
  frontmatterMissing,
  yamlSyntax,
  frontmatterSchema,
  issueNumberUnique,
  opinionMissing,
] as Rule[];
