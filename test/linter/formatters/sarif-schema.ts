/** The official SARIF 2.1.0 schema (draft-04), compiled once per test file that validates against it. */
import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

let validate: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (!validate) {
    const ajv = new Ajv04.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync('test/fixtures/sarif-schema-2.1.0.json', 'utf8')));
  }
  return validate;
}
