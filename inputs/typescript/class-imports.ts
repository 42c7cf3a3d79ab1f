/** Which classes a file imports: tipkit's constructs (by where they come from) and the AWS provider's bindings. */
import type { Node as TsNode, SourceFile } from 'ts-morph';
import { readsType } from '../terraform/mapping.js';
import { PROVIDER_MODULE, terraformTypeOfClass } from './provider-classes.js';
import { isTipkitModule } from './tipkit-module.js';
import { CONSTRUCT_CLASSES, type ConstructClass, type TsMorph } from './values.js';

export interface ProviderImports {
  classes: Map<string, string>;
  namespaces: Set<string>;
}

/**
 * What a file imports from the AWS provider: local class names (→ Terraform type) and namespace names
 * (`import * as aws from '@cdktf/provider-aws'`, `import { ssoadminApplication } from '@cdktf/provider-aws'`).
 */
export function providerBindings(sf: SourceFile): ProviderImports {
  const classes = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const imp of sf.getImportDeclarations()) {
    const specifier = imp.getModuleSpecifierValue();
    if (!PROVIDER_MODULE.test(specifier)) continue;
    const moduleType = /\/(?:lib|aws)\/([a-z0-9-]+)(?:\/index(?:\.[cm]?[jt]s)?|\.[cm]?[jt]s)?$/.exec(specifier)?.[1];
    const ns = imp.getNamespaceImport()?.getText();
    if (ns) namespaces.add(ns);
    for (const spec of imp.getNamedImports()) {
      const imported = spec.getName();
      const local = spec.getAliasNode()?.getText() ?? imported;
      if (/^[a-z]/.test(imported)) namespaces.add(local);
      else classes.set(local, moduleType && moduleType !== 'index' ? `aws_${moduleType.replace(/-/g, '_')}` : terraformTypeOfClass(imported));
    }
  }
  return { classes, namespaces };
}

/** The Terraform type a `new` callee stands for, when it is a provider binding tipkit reads or notes. */
export function bindingType(Node: TsMorph['Node'], callee: TsNode, bindings: ProviderImports): string | undefined {
  let type: string | undefined;
  if (Node.isIdentifier(callee)) type = bindings.classes.get(callee.getText());
  else if (Node.isPropertyAccessExpression(callee)) {
    let root: TsNode = callee;
    while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
    if (Node.isIdentifier(root) && bindings.namespaces.has(root.getText())) type = terraformTypeOfClass(callee.getName());
  }
  return type && readsType('resource', type) ? type : undefined;
}

/**
 * Local names of tipkit's construct classes in a file, as imported from the `tipkit` package or from tipkit's
 * own source (a project's own `ApplicationGrant` from `../custom` is not tipkit's), and namespace imports of it.
 */
export function tipkitClassNames(sf: SourceFile): { names: Map<string, ConstructClass>; namespaces: Set<string> } {
  const names = new Map<string, ConstructClass>();
  const namespaces = new Set<string>();
  for (const imp of sf.getImportDeclarations()) {
    if (!isTipkitModule(sf.getFilePath(), imp.getModuleSpecifierValue())) continue;
    const ns = imp.getNamespaceImport()?.getText();
    if (ns) namespaces.add(ns);
    for (const spec of imp.getNamedImports()) {
      const imported = spec.getName() as ConstructClass;
      if (CONSTRUCT_CLASSES.includes(imported)) names.set(spec.getAliasNode()?.getText() ?? imported, imported);
    }
  }
  return { names, namespaces };
}
