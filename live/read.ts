/**
 * Reading a live Identity Center instance (or `tipkit serve`) through the SDK: its trusted token issuers, every
 * application of the custom provider with its grants, authentication methods, access scopes, assignment
 * configuration and assignments, and the AWS-managed applications by name (their grants are not readable).
 * Every list is paginated; throttling is retried by the SDK's standard retry mode, with its backoff.
 */
import {
  DescribeApplicationCommand,
  DescribeTrustedTokenIssuerCommand,
  GetApplicationAssignmentConfigurationCommand,
  paginateListApplicationAccessScopes,
  paginateListApplicationAssignments,
  paginateListApplicationAuthenticationMethods,
  paginateListApplicationGrants,
  paginateListApplications,
  paginateListInstances,
  paginateListTagsForResource,
  paginateListTrustedTokenIssuers,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { DescribeGroupCommand, DescribeUserCommand, type IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { InputError } from '../model/errors.js';
import { DEFAULT_APPLICATION_PROVIDER_ARN, type Tag } from '../model/types.js';
import { AwsCallError, call } from './client.js';

type Obj = Record<string, unknown>;

export interface LiveIssuer {
  TrustedTokenIssuerArn: string;
  Name: string;
  TrustedTokenIssuerType?: string;
  TrustedTokenIssuerConfiguration?: Obj;
  /** undefined when the tags could not be read (see LiveInstance.notes). */
  Tags?: Tag[];
}

export interface LiveApplication {
  ApplicationArn: string;
  Name: string;
  ApplicationProviderArn: string;
  /** Not of the custom provider: grants, methods and assignments are AWS's, and are not read. */
  awsManaged: boolean;
  Description?: string;
  Status?: string;
  PortalOptions?: Obj;
  Tags?: Tag[];
  Grants: { GrantType: string; Grant: Obj }[];
  AuthenticationMethods: { AuthenticationMethodType: string; AuthenticationMethod: Obj }[];
  AccessScopes: { Scope: string; AuthorizedTargets?: string[] }[];
  AssignmentRequired?: boolean;
  Assignments: { PrincipalType: string; PrincipalId: string }[];
}

export interface LiveInstance {
  InstanceArn: string;
  IdentityStoreId?: string;
  Region?: string;
  issuers: LiveIssuer[];
  applications: LiveApplication[];
  /** Identity-store names of the assigned principals, by id (those that could be read). */
  userNames: Map<string, string>;
  groupNames: Map<string, string>;
  /** False when ListTagsForResource was refused: Tags are then unknown, not empty. */
  tagsRead: boolean;
  /** What could not be read, one line each (the commands print them on stderr). */
  notes: string[];
}

export interface ReadOptions {
  sso: SSOAdminClient;
  /** Leave out to keep assignment principals as ids. */
  identityStore?: IdentitystoreClient;
  instanceArn: string;
  region?: string;
  /** Called with a line of progress now and then (large instances). */
  progress?: (line: string) => void;
  /** Shown in connection errors. */
  endpoint?: string;
  /** Calls in flight at once (default 4): enough to be quick, few enough not to be throttled at once. */
  concurrency?: number;
}

/** Progress is reported every this many applications, when there are more than this many. */
const PROGRESS_EVERY = 25;

export async function readLiveInstance(opts: ReadOptions): Promise<LiveInstance> {
  const { sso, instanceArn, endpoint } = opts;
  const notes: string[] = [];
  const ask = <T>(operation: string, send: () => Promise<T>): Promise<T> => call(operation, send, endpoint);
  const all = async <T>(operation: string, pages: () => AsyncIterable<T>): Promise<T[]> =>
    ask(operation, async () => {
      const out: T[] = [];
      for await (const page of pages()) out.push(page);
      return out;
    });

  const instances = (await all('ListInstances', () => paginateListInstances({ client: sso }, {}))).flatMap((p) => p.Instances ?? []);
  const instance = instances.find((i) => i.InstanceArn === instanceArn);
  if (!instance)
    throw new InputError(
      `instance ${instanceArn} is not among the ${instances.length} instance(s) ListInstances returns for these credentials and region${instances.length ? ` (${instances.map((i) => i.InstanceArn).join(', ')})` : ''}`,
    );

  let tagsReadable = true;
  const tagsOf = async (resourceArn: string): Promise<Tag[] | undefined> => {
    if (!tagsReadable) return undefined;
    try {
      const pages = await all('ListTagsForResource', () => paginateListTagsForResource({ client: sso }, { InstanceArn: instanceArn, ResourceArn: resourceArn }));
      return pages.flatMap((p) => (p.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })));
    } catch (err) {
      if (!(err instanceof AwsCallError) || err.failure.kind !== 'service') throw err;
      // Calls in flight at once may each be refused: one note says it.
      if (!tagsReadable) return undefined;
      tagsReadable = false;
      notes.push(`tags were not read (${err.failure.errorCode}): Tags are left out and not compared`);
      return undefined;
    }
  };

  const issuerSummaries = (await all('ListTrustedTokenIssuers', () => paginateListTrustedTokenIssuers({ client: sso }, { InstanceArn: instanceArn }))).flatMap(
    (p) => p.TrustedTokenIssuers ?? [],
  );
  const issuers = await mapLimit(issuerSummaries, opts.concurrency ?? 4, async (summary): Promise<LiveIssuer> => {
    const arn = summary.TrustedTokenIssuerArn!;
    const d = await ask('DescribeTrustedTokenIssuer', () => sso.send(new DescribeTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn })));
    return {
      TrustedTokenIssuerArn: arn,
      Name: d.Name ?? summary.Name ?? arn,
      TrustedTokenIssuerType: d.TrustedTokenIssuerType,
      TrustedTokenIssuerConfiguration: plain(d.TrustedTokenIssuerConfiguration),
      Tags: await tagsOf(arn),
    };
  });

  const appSummaries = (await all('ListApplications', () => paginateListApplications({ client: sso }, { InstanceArn: instanceArn }))).flatMap((p) => p.Applications ?? []);
  const custom = appSummaries.filter((a) => a.ApplicationProviderArn === DEFAULT_APPLICATION_PROVIDER_ARN).length;
  let done = 0;
  const applications = await mapLimit(appSummaries, opts.concurrency ?? 4, async (summary): Promise<LiveApplication> => {
    const arn = summary.ApplicationArn!;
    const providerArn = summary.ApplicationProviderArn ?? '';
    const base = { ApplicationArn: arn, Name: summary.Name ?? arn, ApplicationProviderArn: providerArn, Grants: [], AuthenticationMethods: [], AccessScopes: [], Assignments: [] };
    if (providerArn !== DEFAULT_APPLICATION_PROVIDER_ARN) return { ...base, awsManaged: true };
    const app = await readApplication(arn);
    done++;
    if (custom > PROGRESS_EVERY && (done % PROGRESS_EVERY === 0 || done === custom)) opts.progress?.(`read ${done}/${custom} applications`);
    return app;
  });

  async function readApplication(arn: string): Promise<LiveApplication> {
    const d = await ask('DescribeApplication', () => sso.send(new DescribeApplicationCommand({ ApplicationArn: arn })));
    const q = { ApplicationArn: arn };
    const [grants, methods, scopes, config, assignments, tags] = await Promise.all([
      all('ListApplicationGrants', () => paginateListApplicationGrants({ client: sso }, q)),
      all('ListApplicationAuthenticationMethods', () => paginateListApplicationAuthenticationMethods({ client: sso }, q)),
      all('ListApplicationAccessScopes', () => paginateListApplicationAccessScopes({ client: sso }, q)),
      ask('GetApplicationAssignmentConfiguration', () => sso.send(new GetApplicationAssignmentConfigurationCommand(q))),
      all('ListApplicationAssignments', () => paginateListApplicationAssignments({ client: sso }, q)),
      tagsOf(arn),
    ]);
    return {
      ApplicationArn: arn,
      Name: d.Name ?? arn,
      ApplicationProviderArn: d.ApplicationProviderArn ?? DEFAULT_APPLICATION_PROVIDER_ARN,
      awsManaged: false,
      Description: d.Description,
      Status: d.Status,
      PortalOptions: plain(d.PortalOptions),
      Tags: tags,
      Grants: grants.flatMap((p) => p.Grants ?? []).map((g) => ({ GrantType: g.GrantType!, Grant: plain(g.Grant) ?? {} })),
      AuthenticationMethods: methods
        .flatMap((p) => p.AuthenticationMethods ?? [])
        .map((m) => ({ AuthenticationMethodType: m.AuthenticationMethodType!, AuthenticationMethod: plain(m.AuthenticationMethod) ?? {} })),
      AccessScopes: scopes.flatMap((p) => p.Scopes ?? []).map((s) => ({ Scope: s.Scope!, AuthorizedTargets: s.AuthorizedTargets?.length ? [...s.AuthorizedTargets] : undefined })),
      AssignmentRequired: config.AssignmentRequired,
      Assignments: assignments.flatMap((p) => p.ApplicationAssignments ?? []).map((a) => ({ PrincipalType: a.PrincipalType!, PrincipalId: a.PrincipalId! })),
    };
  }

  const live: LiveInstance = {
    InstanceArn: instanceArn,
    IdentityStoreId: instance.IdentityStoreId,
    Region: opts.region,
    issuers,
    applications,
    userNames: new Map(),
    groupNames: new Map(),
    tagsRead: tagsReadable,
    notes,
  };
  if (opts.identityStore && instance.IdentityStoreId) await readPrincipalNames(live, opts.identityStore, instance.IdentityStoreId, ask, opts.concurrency ?? 4);
  return live;
}

/** UserName / DisplayName of each assigned principal, so the config can name them; ids stay where a name cannot be read. */
async function readPrincipalNames(
  live: LiveInstance,
  store: IdentitystoreClient,
  storeId: string,
  ask: <T>(operation: string, send: () => Promise<T>) => Promise<T>,
  concurrency: number,
): Promise<void> {
  const wanted = new Map<string, string>();
  for (const app of live.applications) for (const a of app.Assignments) wanted.set(`${a.PrincipalType}\n${a.PrincipalId}`, a.PrincipalType);
  let unreadable: string | undefined;
  await mapLimit([...wanted.keys()], concurrency, async (key) => {
    const [type, id] = key.split('\n') as [string, string];
    if (unreadable) return;
    try {
      if (type === 'USER') {
        const u = await ask('DescribeUser', () => store.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: id })));
        if (u.UserName) live.userNames.set(id, u.UserName);
      } else {
        const g = await ask('DescribeGroup', () => store.send(new DescribeGroupCommand({ IdentityStoreId: storeId, GroupId: id })));
        if (g.DisplayName) live.groupNames.set(id, g.DisplayName);
      }
    } catch (err) {
      if (!(err instanceof AwsCallError) || err.failure.kind !== 'service') throw err;
      // A principal deleted since it was assigned keeps its id; a store we may not read keeps them all.
      if (err.failure.errorCode !== 'ResourceNotFoundException') unreadable = err.failure.errorCode;
    }
  });
  if (unreadable) live.notes.push(`identity store names were not read (${unreadable}): assignments keep principal ids`);
}

/** The SDK's output objects, as plain JSON values (documents and unions come back as plain objects already). */
function plain(v: unknown): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  return JSON.parse(JSON.stringify(v)) as Obj;
}

/** `items` mapped with at most `limit` calls in flight, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
