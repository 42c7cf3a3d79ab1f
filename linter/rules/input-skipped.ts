/** input-skipped: a reader skipped part of an input rather than guess it (the engine reports loaded.notes under this id). */
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'input-skipped',
    severity: 'note',
    summary: 'part of an input could not be read statically and was skipped, so it was not linted',
    docs: {
      why:
        'tipkit reads TypeScript construct code and Terraform without running it. A value computed at run time (a ' +
        'function call, a variable from another module, a Terraform expression) cannot be known, so the reader skips ' +
        'it instead of guessing; rules do not see what was skipped.',
      fix: 'Write the value as a literal (or a `const` in the same file), or lint the synthesized Terraform JSON (`tipkit synth`) instead.',
      bad: `# In TypeScript: new IdentityCenterApplication(this, 'portal', { name: computeName() })
applications:
  - Name: portal
`,
      good: `# In TypeScript: new IdentityCenterApplication(this, 'portal', { name: 'portal' })
applications:
  - Name: portal
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateApplication.html',
    },
  },
  // Findings come from the readers' notes (LoadedConfig.notes), turned into findings by the lint engine.
  check() {},
};
