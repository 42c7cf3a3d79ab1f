/**
 * TipkitChecks: the linter as a cdktf aspect, as cdk-nag is for the AWS CDK.
 * `Aspects.of(stack).add(new TipkitChecks())` lints what each stack's tipkit constructs declare (collectConfig)
 * and annotates the construct that declared each finding; an error annotation makes synth fail.
 * Construct `suppressions: [{ id, reason }]` and `// tipkit-ignore RULE: reason` above the `new …` line apply.
 */
import { Annotations, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { lintLoaded, type Finding, type SeverityOverride } from '../linter/index.js';
import { fromRawInput } from '../model/load.js';
import { collectConfig } from './collect.js';

export interface TipkitChecksProps {
  /** Per-rule severity overrides (`'off'` drops a rule), as in `tipkit lint --rule`. */
  severities?: Readonly<Record<string, SeverityOverride>>;
  /** Also annotate suppressed findings (as info, with the reason). Default false. */
  reportSuppressed?: boolean;
}

export class TipkitChecks implements IAspect {
  constructor(private readonly props: TipkitChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const collected = collectConfig(node);
    for (const { construct, reason } of collected.skipped) Annotations.of(construct).addWarning(`tipkit: not checked: ${reason}`);
    if (!collected.raw.applications?.length && !collected.raw.trustedTokenIssuers?.length) return;

    const loaded = fromRawInput('typescript', { raw: collected.raw, positions: collected.positions, suppressions: collected.suppressions });
    const { findings } = lintLoaded(loaded, { severities: this.props.severities });
    for (const f of findings) {
      if (f.suppression && !this.props.reportSuppressed) continue;
      const target = ownerOf(f.resource, collected.owners) ?? node;
      const message = findingMessage(f);
      const annotations = Annotations.of(target);
      if (f.suppression) annotations.addInfo(`${message} (suppressed: ${f.suppression.reason})`);
      else if (f.severity === 'error') annotations.addError(message);
      else if (f.severity === 'warning') annotations.addWarning(message);
      else annotations.addInfo(message);
    }
  }
}

/** `RULE-ID: message (main.ts:12:5)`, the message `tipkit lint` prints, with where the construct was created. */
export function findingMessage(f: Finding): string {
  const where = f.location.file.startsWith('<') ? '' : ` (${f.location.file}:${f.location.line}:${f.location.column})`;
  return `${f.ruleId}: ${f.message}${where}`;
}

/** The construct that declared a resource path, or its nearest declared ancestor (`applications/web/Grants/0` → the grant). */
function ownerOf(resource: string, owners: ReadonlyMap<string, IConstruct>): IConstruct | undefined {
  for (let path = resource; path; path = path.slice(0, Math.max(0, path.lastIndexOf('/')))) {
    const owner = owners.get(path);
    if (owner) return owner;
  }
  return undefined;
}
