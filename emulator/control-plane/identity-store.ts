/**
 * Identity-store reads answered from the scenario's `identityStore` (users and groups in IdentityStore shapes):
 * what `tipkit pull` and an application's own code ask to turn names into ids and back.
 */
import { createHash } from 'node:crypto';
import { identityStoreApi } from '../generated/identitystore-api.js';
import { IdentityDirectory, type IdentityStoreGroup, type IdentityStoreUser } from '../../simulator/index.js';
import { ResourceNotFoundException, ValidationException } from './errors.js';
import { paginate } from './pagination.js';
import type { OperationContext, OperationHandler } from './sso-admin.js';
import { outputMembers } from './validate.js';

type Obj = Record<string, unknown>;

function checkStore(ctx: OperationContext, input: Obj): string {
  const id = input.IdentityStoreId as string;
  if (id !== ctx.state.instance.IdentityStoreId)
    throw new ResourceNotFoundException(`Identity store ${id} does not exist (this control plane holds ${ctx.state.instance.IdentityStoreId})`, { ResourceType: 'IDENTITY_STORE', ResourceId: id });
  return id;
}

const userOut = (storeId: string, u: IdentityStoreUser): Obj => outputMembers(identityStoreApi, 'User', { ...u, IdentityStoreId: storeId });
const groupOut = (storeId: string, g: IdentityStoreGroup): Obj => outputMembers(identityStoreApi, 'Group', { ...g, IdentityStoreId: storeId });

/** ListUsers / ListGroups take at most one filter, on the attribute the service lets them filter by. */
function filtered<T extends Obj>(items: T[], input: Obj, attribute: string): T[] {
  const [filter] = (input.Filters ?? []) as Obj[];
  if (!filter) return items;
  if (filter.AttributePath !== attribute) throw new ValidationException(`Filters: AttributePath ${String(filter.AttributePath)} is not supported; use ${attribute}`);
  return items.filter((item) => item[attribute] === filter.AttributeValue);
}

const describeUser: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const user = ctx.identityStore.Users.find((u) => u.UserId === input.UserId);
  if (!user) throw new ResourceNotFoundException(`User ${String(input.UserId)} does not exist`, { ResourceType: 'USER', ResourceId: input.UserId });
  return userOut(storeId, user);
};

const listUsers: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const users = filtered(ctx.identityStore.Users, input, 'UserName');
  const { page, nextToken } = paginate(users, input, `ListUsers ${JSON.stringify(input.Filters ?? [])}`, { default: 100 });
  return { Users: page.map((u) => userOut(storeId, u)), ...(nextToken ? { NextToken: nextToken } : {}) };
};

const describeGroup: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const group = ctx.identityStore.Groups.find((g) => g.GroupId === input.GroupId);
  if (!group) throw new ResourceNotFoundException(`Group ${String(input.GroupId)} does not exist`, { ResourceType: 'GROUP', ResourceId: input.GroupId });
  return groupOut(storeId, group);
};

const listGroups: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const groups = filtered(ctx.identityStore.Groups, input, 'DisplayName');
  const { page, nextToken } = paginate(groups, input, `ListGroups ${JSON.stringify(input.Filters ?? [])}`, { default: 100 });
  return { Groups: page.map((g) => groupOut(storeId, g)), ...(nextToken ? { NextToken: nextToken } : {}) };
};

type ExternalIds = { Issuer?: string; Id?: string }[] | undefined;
const hasExternalId = (ids: ExternalIds, ext: Obj): boolean => (ids ?? []).some((e) => e.Issuer === ext.Issuer && e.Id === ext.Id);

/** The one item an AlternateIdentifier names, or ResourceNotFoundException. */
function alternate<T extends Obj>(items: T[], input: Obj, uniqueAttributes: Record<string, (item: T) => unknown[]>, kind: 'USER' | 'GROUP'): T {
  const alt = input.AlternateIdentifier as Obj;
  let matches: T[];
  if (alt.ExternalId) {
    const ext = alt.ExternalId as Obj;
    matches = items.filter((item) => hasExternalId(item.ExternalIds as ExternalIds, ext));
  } else {
    const unique = alt.UniqueAttribute as Obj;
    const path = String(unique.AttributePath);
    const read = uniqueAttributes[path];
    if (!read) throw new ValidationException(`UniqueAttribute: AttributePath ${path} is not a unique attribute; use ${Object.keys(uniqueAttributes).join(' or ')}`);
    matches = items.filter((item) => read(item).includes(unique.AttributeValue));
  }
  if (matches.length !== 1) {
    const what = kind === 'USER' ? 'user' : 'group';
    throw new ResourceNotFoundException(matches.length === 0 ? `No ${what} matches the AlternateIdentifier` : `${matches.length} ${what}s match the AlternateIdentifier; it must name one`, { ResourceType: kind });
  }
  return matches[0]!;
}

const getUserId: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const user = alternate(ctx.identityStore.Users, input, {
    userName: (u) => [u.UserName],
    'emails.value': (u) => (u.Emails ?? []).map((e) => e.Value),
  }, 'USER');
  return { IdentityStoreId: storeId, UserId: user.UserId };
};

const getGroupId: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const group = alternate(ctx.identityStore.Groups, input, { displayName: (g) => [g.DisplayName] }, 'GROUP');
  return { IdentityStoreId: storeId, GroupId: group.GroupId };
};

/** A stable membership id: the same user and group always give the same one. */
function membershipId(groupId: string, userId: string): string {
  const h = createHash('sha256').update(`${groupId}\u0000${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const listGroupMembershipsForMember: OperationHandler = (input, ctx) => {
  const storeId = checkStore(ctx, input);
  const userId = (input.MemberId as Obj).UserId as string;
  const user = ctx.identityStore.Users.find((u) => u.UserId === userId);
  if (!user) throw new ResourceNotFoundException(`User ${userId} does not exist`, { ResourceType: 'USER', ResourceId: userId });
  const groups = new IdentityDirectory(ctx.identityStore).groupsOf(user);
  const { page, nextToken } = paginate(groups, input, `ListGroupMembershipsForMember ${userId}`, { default: 100 });
  return {
    GroupMemberships: page.map((g) => ({ IdentityStoreId: storeId, MembershipId: membershipId(g.GroupId, userId), GroupId: g.GroupId, MemberId: { UserId: userId } })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};

export const IDENTITY_STORE_HANDLERS: Record<string, OperationHandler> = {
  DescribeUser: describeUser,
  ListUsers: listUsers,
  DescribeGroup: describeGroup,
  ListGroups: listGroups,
  GetUserId: getUserId,
  GetGroupId: getGroupId,
  ListGroupMembershipsForMember: listGroupMembershipsForMember,
};
