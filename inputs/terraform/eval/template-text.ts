/** A template file's text (templatefile(), templatestring()) → its parts, a syntax error being Terraform's error. */
import { parseTemplate, SyntaxError_, type TemplatePart } from './syntax.js';
import { EvalError } from './types.js';

export function parseTemplateOrError(text: string): TemplatePart[] {
  try {
    return parseTemplate(text, false);
  } catch (err) {
    if (err instanceof SyntaxError_) throw new EvalError(`invalid template: ${err.message}`);
    throw err;
  }
}
