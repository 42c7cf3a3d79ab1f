/**
 * TipkitChecks: the linter as a cdktf aspect, as cdk-nag is for the AWS CDK.
 * `Aspects.of(stack).add(new TipkitChecks())` lints what the app's tipkit constructs declare (collectConfig)
 * and annotates, in each stack it is added to, the construct that declared each finding; an error annotation
 * makes synth fail.
 * Construct `suppressions: [{ id, reason }]` and `// tipkit-ignore RULE: reason` above the `new …` line apply.
 */
import { Annotations, TerraformStack, type IAspect } from './cdk.js';
import type { IConstruct } from 'constructs';
import { lintLoaded, type Finding, type SeverityOverride } from '../linter/index.js';
import { fromRawInput } from '../inputs/index.js';
import { printAnnotation, printsAnnotations } from './annotations-output.js';
import { collectConfig, type CollectedConfig } from './collect.js';
import { addValuePositions } from './value-positions.js';

export interface TipkitChecksProps {
  /** Per-rule severity overrides (`'off'` drops a rule), as in `tipkit lint --rule`. */
  severities?: Readonly<Record<string, SeverityOverride>>;
  /** Also annotate suppressed findings (as info, with the reason). Default false. */
  reportSuppressed?: boolean;
}

export class TipkitChecks implements IAspect {
  /** One lint of the whole app per synth, shared by the stacks this aspect visits. */
  private readonly runs = new WeakMap<IConstruct, AppRun>();

  constructor(private readonly props: TipkitChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const run = this.appRun(node.node.root);
    const print = printsAnnotations();
    const inThisStack = (c: IConstruct): boolean => TerraformStack.of(c) === node;
    const warn = (construct: IConstruct, message: string): void => {
      Annotations.of(construct).addWarning(message);
      if (print) printAnnotation('WARN', construct.node.path, message);
    };
    const info = (construct: IConstruct, message: string): void => {
      Annotations.of(construct).addInfo(message);
      if (print) printAnnotation('INFO', construct.node.path, message);
    };
    for (const { construct, reason } of run.collected.skipped) if (inThisStack(construct)) warn(construct, `tipkit: not checked: ${reason}`);

    for (const f of run.findings) {
      if (f.suppression && !this.props.reportSuppressed) continue;
      const owner = ownerOf(f.resource, run.collected.owners);
      // A finding with no construct of its own (the instance) goes to the first stack visited, once.
      if (owner ? !inThisStack(owner) : run.unownedReported) continue;
      const target = owner ?? node;
      const message = findingMessage(f);
      // Errors are printed by cdktf itself, when it fails the synth on them.
      if (f.suppression) info(target, `${message} (suppressed: ${f.suppression.reason})`);
      else if (f.severity === 'error') Annotations.of(target).addError(message);
      else if (f.severity === 'warning') warn(target, message);
      else info(target, message);
    }
    run.unownedReported = true;
  }

  /**
   * The app's tipkit constructs linted as one config, so a reference across stacks (an issuer declared in
   * one stack and passed to another) is a reference to its construct, and an issuer used only by another
   * stack's grant is used. Each stack then reports the findings of its own constructs.
   */
  private appRun(root: IConstruct): AppRun {
    let run = this.runs.get(root);
    if (!run) {
      const collected = collectConfig(root);
      addValuePositions(collected.positions, collected.sites);
      const empty = !collected.raw.applications?.length && !collected.raw.trustedTokenIssuers?.length;
      const loaded = fromRawInput('typescript', { raw: collected.raw, positions: collected.positions, suppressions: collected.suppressions });
      run = { collected, findings: empty ? [] : lintLoaded(loaded, { severities: this.props.severities }).findings, unownedReported: false };
      this.runs.set(root, run);
    }
    return run;
  }
}

interface AppRun {
  collected: CollectedConfig;
  findings: Finding[];
  unownedReported: boolean;
}

/** `RULE-ID: message (main.ts:12:5)`, the message `tipkit lint` prints, with where the value was written (as lint places it). */
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
