/**
 * The CDK library of the app: CDK for Terraform (`cdktf` with `@cdktf/provider-aws`) or CDK Terrain, its
 * community fork (`cdktn` with `@cdktn/provider-aws`), which keeps the same API under other package names.
 * tipkit's constructs must be made of the app's own copy — stacks, tokens and aspects belong to one library —
 * so every construct takes the library from here instead of importing `cdktf` itself. cdktf's types stand for
 * both. Both libraries are CommonJS, so `require` loads the very module the app's `import` loaded.
 *
 * Which one: TIPKIT_CDK=cdktf|cdktn when set; else the one installed; when both are, the one the app has
 * already loaded (an app imports its CDK before tipkit, as the examples do), else the one the app's
 * package.json (in the working directory) depends on; cdktf when that names both or neither.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Cdktf from 'cdktf';
import type { AwsProvider as AwsProviderClass } from '@cdktf/provider-aws/lib/provider/index.js';
import type { SsoadminApplication as SsoadminApplicationClass } from '@cdktf/provider-aws/lib/ssoadmin-application/index.js';
import type { SsoadminApplicationAccessScope as SsoadminApplicationAccessScopeClass } from '@cdktf/provider-aws/lib/ssoadmin-application-access-scope/index.js';
import type { SsoadminApplicationAssignment as SsoadminApplicationAssignmentClass } from '@cdktf/provider-aws/lib/ssoadmin-application-assignment/index.js';
import type { SsoadminApplicationAssignmentConfiguration as SsoadminApplicationAssignmentConfigurationClass } from '@cdktf/provider-aws/lib/ssoadmin-application-assignment-configuration/index.js';
import type { SsoadminTrustedTokenIssuer as SsoadminTrustedTokenIssuerClass } from '@cdktf/provider-aws/lib/ssoadmin-trusted-token-issuer/index.js';
import type { DataAwsIdentitystoreGroup as DataAwsIdentitystoreGroupClass } from '@cdktf/provider-aws/lib/data-aws-identitystore-group/index.js';
import type { DataAwsIdentitystoreUser as DataAwsIdentitystoreUserClass } from '@cdktf/provider-aws/lib/data-aws-identitystore-user/index.js';

export type CdkLibrary = 'cdktf' | 'cdktn';
export const CDK_LIBRARIES: readonly CdkLibrary[] = ['cdktf', 'cdktn'];
export const AWS_PROVIDER_PACKAGE: Record<CdkLibrary, string> = { cdktf: '@cdktf/provider-aws', cdktn: '@cdktn/provider-aws' };

/** The rule above, on what it looks at (so it is tested without installing and uninstalling packages). */
export function chooseCdkLibrary(
  given: string | undefined,
  installed: (lib: CdkLibrary) => boolean,
  loaded: readonly CdkLibrary[],
  appDependencies: readonly string[],
): CdkLibrary {
  if (given !== undefined && given !== '') {
    if (!(CDK_LIBRARIES as readonly string[]).includes(given)) throw new Error(`TIPKIT_CDK must be cdktf or cdktn (got '${given}')`);
    return given as CdkLibrary;
  }
  const present = CDK_LIBRARIES.filter(installed);
  if (present.length === 1) return present[0]!;
  if (loaded.length === 1) return loaded[0]!;
  if (appDependencies.includes('cdktn') && !appDependencies.includes('cdktf')) return 'cdktn';
  return 'cdktf';
}

const require = createRequire(import.meta.url);

const isInstalled = (lib: CdkLibrary): boolean => {
  try {
    require.resolve(lib);
    return true;
  } catch {
    return false;
  }
};

function appDependencies(dir: string): string[] {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return [];
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((k) => Object.keys((pkg[k] as object | undefined) ?? {}));
  } catch {
    return [];
  }
}

/** The libraries whose main module is in the CommonJS cache already (an ESM `import` of them puts it there). */
function loadedLibraries(): CdkLibrary[] {
  return CDK_LIBRARIES.filter((lib) => {
    try {
      return require.resolve(lib) in require.cache;
    } catch {
      return false;
    }
  });
}

export const cdkLibrary: CdkLibrary = chooseCdkLibrary(process.env.TIPKIT_CDK, isInstalled, loadedLibraries(), appDependencies(process.cwd()));

function load<T>(specifier: string): T {
  try {
    return require(specifier) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    throw new Error(`tipkit's constructs need ${pkg} (${cdkLibrary === 'cdktn' ? 'CDK Terrain' : 'CDK for Terraform'}): npm install ${pkg}`, { cause: err });
  }
}

/** The app's cdktf (or cdktn) module. */
export const cdk: typeof Cdktf = load(cdkLibrary);

const provider = <T>(submodule: string): T => load<T>(`${AWS_PROVIDER_PACKAGE[cdkLibrary]}/lib/${submodule}/index.js`);

export const { AwsProvider } = provider<{ AwsProvider: typeof AwsProviderClass }>('provider');
export const { SsoadminApplication } = provider<{ SsoadminApplication: typeof SsoadminApplicationClass }>('ssoadmin-application');
export const { SsoadminApplicationAccessScope } = provider<{ SsoadminApplicationAccessScope: typeof SsoadminApplicationAccessScopeClass }>('ssoadmin-application-access-scope');
export const { SsoadminApplicationAssignment } = provider<{ SsoadminApplicationAssignment: typeof SsoadminApplicationAssignmentClass }>('ssoadmin-application-assignment');
export const { SsoadminApplicationAssignmentConfiguration } = provider<{ SsoadminApplicationAssignmentConfiguration: typeof SsoadminApplicationAssignmentConfigurationClass }>(
  'ssoadmin-application-assignment-configuration',
);
export const { SsoadminTrustedTokenIssuer } = provider<{ SsoadminTrustedTokenIssuer: typeof SsoadminTrustedTokenIssuerClass }>('ssoadmin-trusted-token-issuer');
export const { DataAwsIdentitystoreGroup } = provider<{ DataAwsIdentitystoreGroup: typeof DataAwsIdentitystoreGroupClass }>('data-aws-identitystore-group');
export const { DataAwsIdentitystoreUser } = provider<{ DataAwsIdentitystoreUser: typeof DataAwsIdentitystoreUserClass }>('data-aws-identitystore-user');
export type AwsProvider = AwsProviderClass;
export type SsoadminApplication = SsoadminApplicationClass;
export type SsoadminApplicationAccessScope = SsoadminApplicationAccessScopeClass;
export type SsoadminApplicationAssignment = SsoadminApplicationAssignmentClass;
export type SsoadminApplicationAssignmentConfiguration = SsoadminApplicationAssignmentConfigurationClass;
export type SsoadminTrustedTokenIssuer = SsoadminTrustedTokenIssuerClass;
export type DataAwsIdentitystoreGroup = DataAwsIdentitystoreGroupClass;
export type DataAwsIdentitystoreUser = DataAwsIdentitystoreUserClass;

// The parts of cdktf's API that tipkit uses, each as a value and a type, from the app's library.
export const { Annotations, App, DefaultTokenResolver, Lazy, LocalBackend, StringConcat, TerraformLocal, TerraformResource, TerraformStack, Token, Tokenization } = cdk;
export const { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl } = cdk;
export type Annotations = Cdktf.Annotations;
export type App = Cdktf.App;
export type DefaultTokenResolver = Cdktf.DefaultTokenResolver;
export type LocalBackend = Cdktf.LocalBackend;
export type StringConcat = Cdktf.StringConcat;
export type TerraformLocal = Cdktf.TerraformLocal;
export type TerraformResource = Cdktf.TerraformResource;
export type TerraformStack = Cdktf.TerraformStack;
export type Token = Cdktf.Token;
export type Tokenization = Cdktf.Tokenization;
export type { IAspect, LocalExecProvisioner, TerraformElement, TerraformResourceConfig } from 'cdktf';
