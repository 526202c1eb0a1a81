import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { describeSchemaIssues } from '../../src/issue/schema-messages.js';

test('schema messages: an exclusive bound is named as one (more than, less than), an inclusive one as at least, at most', () => {
  const schema = z.strictObject({ rate: z.number().positive(), share: z.number().lt(1), year: z.number().min(1900).max(2100) });
  const messages = (data: Record<string, number>) => describeSchemaIssues(schema.safeParse(data).error!.issues, data).map((problem) => problem.message);
  assert.deepEqual(messages({ rate: 0, share: 1, year: 1899 }), [
    'Unexpected `rate` value `0`, expected more than 0',
    'Unexpected `share` value `1`, expected less than 1',
    'Unexpected `year` value `1899`, expected at least 1900',
  ]);
  assert.deepEqual(messages({ rate: 1, share: 0, year: 2101 }), ['Unexpected `year` value `2101`, expected at most 2100']);
});
