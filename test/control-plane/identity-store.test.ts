/** serve's identity-store reads through the real @aws-sdk/client-identitystore, answered from the scenario's users and groups. */
import {
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetUserIdCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  paginateListUsers,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { principal, writeFixture } from '../emulator/helpers.js';
import { identityClient, rejection } from './helpers.js';

const STORE = 'd-1234567890';

let emulator: RunningEmulator;
let store: IdentitystoreClient;

beforeAll(async () => {
  // alice has an external id and is in two groups; a third user makes paging visible.
  const fixture = await writeFixture({
    scenario: (t) =>
      t
        .replace('Emails: [{ Value: alice@example.com, Primary: true }]', 'Emails: [{ Value: alice@example.com, Primary: true }]\n      ExternalIds: [{ Issuer: https://idp.example.com, Id: 00u-alice }]\n      Title: Analyst')
        .replace(
          '    - { GroupId: g-analysts, DisplayName: analysts, Members: [alice] }',
          '    - { GroupId: g-analysts, DisplayName: analysts, Members: [alice] }\n    - { GroupId: g-admins, DisplayName: admins, Members: [906764-alice, mallory] }\n    - { GroupId: g-empty, DisplayName: empty }',
        )
        .replace('  Groups:', '    - { UserId: 906764-carol, UserName: carol, Emails: [{ Value: carol@example.com }] }\n  Groups:'),
  });
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0 });
  store = identityClient(emulator.url, principal(input.scenario.principals, 'backend'));
});
afterAll(() => emulator?.close());

describe('identity store', () => {
  it('DescribeUser answers the modelled User members only', async () => {
    const out = await store.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: '906764-alice' }));
    expect(out).toMatchObject({
      IdentityStoreId: STORE,
      UserId: '906764-alice',
      UserName: 'alice',
      DisplayName: 'Alice Example',
      Title: 'Analyst',
      Emails: [{ Value: 'alice@example.com', Primary: true }],
      ExternalIds: [{ Issuer: 'https://idp.example.com', Id: '00u-alice' }],
    });
    // An id of AWS's form that no user has; a scenario-style id no user has breaks the pattern instead.
    const missing = await rejection(store.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: 'a1b2c3d4e5-11111111-2222-3333-4444-555555555555' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.ResourceType).toBe('USER');
    expect(missing.RequestId).toEqual(expect.any(String));
    expect((await rejection(store.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: '906764-nobody' })))).name).toBe('ValidationException');
  });

  it('ListUsers: all, by UserName filter, in pages', async () => {
    const all = await store.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    expect(all.Users!.map((u) => u.UserName)).toEqual(['alice', 'mallory', 'carol']);
    const filtered = await store.send(new ListUsersCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'UserName', AttributeValue: 'mallory' }] }));
    expect(filtered.Users!.map((u) => u.UserId)).toEqual(['906764-mallory']);
    const pages: string[][] = [];
    for await (const page of paginateListUsers({ client: store, pageSize: 2 }, { IdentityStoreId: STORE })) pages.push(page.Users!.map((u) => u.UserName!));
    expect(pages).toEqual([['alice', 'mallory'], ['carol']]);
    const badFilter = await rejection(store.send(new ListUsersCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'Title', AttributeValue: 'x' }] })));
    expect(badFilter.name).toBe('ValidationException');
    const twoFilters = await rejection(
      store.send(new ListUsersCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'UserName', AttributeValue: 'a' }, { AttributePath: 'UserName', AttributeValue: 'b' }] })),
    );
    expect(twoFilters.message).toBe("1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 1");
  });

  it('ListGroups, DescribeGroup (without the scenario\'s Members list)', async () => {
    const groups = await store.send(new ListGroupsCommand({ IdentityStoreId: STORE }));
    expect(groups.Groups!.map((g) => g.DisplayName)).toEqual(['analysts', 'admins', 'empty']);
    expect(groups.Groups![0]).toEqual({ GroupId: 'g-analysts', DisplayName: 'analysts', IdentityStoreId: STORE });
    const byName = await store.send(new ListGroupsCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'admins' }] }));
    expect(byName.Groups!.map((g) => g.GroupId)).toEqual(['g-admins']);
    expect(await store.send(new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: 'g-empty' }))).toMatchObject({ DisplayName: 'empty' });
  });

  it('GetUserId by userName, emails.value and external id; GetGroupId by displayName', async () => {
    expect((await store.send(new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'carol' } } }))).UserId).toBe('906764-carol');
    expect((await store.send(new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'mallory@example.com' } } }))).UserId).toBe(
      '906764-mallory',
    );
    expect((await store.send(new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { ExternalId: { Issuer: 'https://idp.example.com', Id: '00u-alice' } } }))).UserId).toBe('906764-alice');
    const none = await rejection(store.send(new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'zed' } } })));
    expect(none.name).toBe('ResourceNotFoundException');
    expect((await store.send(new GetGroupIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'admins' } } }))).GroupId).toBe('g-admins');
    const both = await rejection(
      store.send(
        new GetUserIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'carol' }, ExternalId: { Issuer: 'i', Id: 'x' } } as never,
        }),
      ),
    );
    expect(both.message).toBe("1 validation error detected: Value at 'alternateIdentifier' failed to satisfy constraint: Member must have exactly one of its members set: [ExternalId, UniqueAttribute]");
  });

  it('ListGroupMembershipsForMember: groups naming the user by UserName or UserId', async () => {
    const out = await store.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: STORE, MemberId: { UserId: '906764-alice' } }));
    expect(out.GroupMemberships!.map((m) => m.GroupId)).toEqual(['g-analysts', 'g-admins']);
    expect(out.GroupMemberships![0]).toMatchObject({ IdentityStoreId: STORE, MemberId: { UserId: '906764-alice' }, MembershipId: expect.stringMatching(/^[a-f0-9-]{36}$/) });
    expect((await store.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: STORE, MemberId: { UserId: '906764-carol' } }))).GroupMemberships).toEqual([]);
  });

  it('another identity store is ResourceNotFoundException naming it', async () => {
    const err = await rejection(store.send(new ListUsersCommand({ IdentityStoreId: 'd-9999999999' })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.ResourceType).toBe('IDENTITY_STORE');
    expect(err.ResourceId).toBe('d-9999999999');
    const malformed = await rejection(store.send(new ListUsersCommand({ IdentityStoreId: 'store-1' })));
    expect(malformed.name).toBe('ValidationException');
  });
});
