/** Which `new` calls are AWS CDK (aws-cdk-lib) `Cfn*` classes of Identity Center and its integrated services, by where they are imported from. */
import type { Node as TsNode, SourceFile } from 'ts-morph';

/** aws-cdk-lib modules → CloudFormation's service names (the services that hold Identity Center settings). */
const CDK_SERVICES: Readonly<Record<string, string>> = {
  'aws-sso': 'SSO',
  'aws-s3': 'S3',
  'aws-qbusiness': 'QBusiness',
  'aws-transfer': 'Transfer',
  'aws-lakeformation': 'LakeFormation',
  'aws-athena': 'Athena',
  'aws-opensearchservice': 'OpenSearchService',
  'aws-quicksight': 'QuickSight',
  'aws-emr': 'EMR',
  'aws-redshift': 'Redshift',
  'aws-eks': 'EKS',
  'aws-datazone': 'DataZone',
  // IAM roles a TIP flow assumes with identity context (`iam.CfnRole`), read as AWS::IAM::Role.
  'aws-iam': 'IAM',
};

/** The AWS CDK L2 `iam.Role`: read as AWS::IAM::Role with the trust policy its `assumedBy` makes (aws-cdk.ts). */
export const L2_ROLE = 'AWS::IAM::Role#L2';

export interface CdkImports {
  /** Local class name → CloudFormation type. */
  classes: Map<string, string>;
  /** Local namespace name → CloudFormation service (`import * as sso from 'aws-cdk-lib/aws-sso'`, `import { aws_sso as sso } from 'aws-cdk-lib'`). */
  namespaces: Map<string, string>;
}

export function cdkImports(sf: SourceFile): CdkImports {
  const classes = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const imp of sf.getImportDeclarations()) {
    const specifier = imp.getModuleSpecifierValue();
    if (specifier === 'aws-cdk-lib') {
      for (const spec of imp.getNamedImports()) {
        const service = CDK_SERVICES[spec.getName().replace(/_/g, '-')];
        if (service) namespaces.set(spec.getAliasNode()?.getText() ?? spec.getName(), service);
      }
      continue;
    }
    const service = CDK_SERVICES[/^aws-cdk-lib\/([a-z0-9-]+)$/.exec(specifier)?.[1] ?? ''];
    if (!service) continue;
    const ns = imp.getNamespaceImport()?.getText();
    if (ns) namespaces.set(ns, service);
    for (const spec of imp.getNamedImports()) {
      if (spec.getName().startsWith('Cfn')) classes.set(spec.getAliasNode()?.getText() ?? spec.getName(), `AWS::${service}::${spec.getName().slice(3)}`);
      else if (service === 'IAM' && spec.getName() === 'Role') classes.set(spec.getAliasNode()?.getText() ?? spec.getName(), L2_ROLE);
    }
  }
  return { classes, namespaces };
}

/** The CloudFormation type a `new` callee stands for (`sso.CfnApplication` → `AWS::SSO::Application`). */
export function cfnTypeOf(callee: TsNode, cdk: CdkImports): string | undefined {
  if (cdk.classes.size === 0 && cdk.namespaces.size === 0) return undefined;
  const text = callee.getText();
  const direct = cdk.classes.get(text);
  if (direct) return direct;
  const role = /^([\w$]+)\.Role$/.exec(text);
  if (role && cdk.namespaces.get(role[1]!) === 'IAM') return L2_ROLE;
  const m = /^([\w$]+)\.Cfn(\w+)$/.exec(text);
  const service = m && cdk.namespaces.get(m[1]!);
  return service ? `AWS::${service}::${m![2]}` : undefined;
}
