import { PROP_DEFAULTS } from '../../model/prop-defaults.js';
import { isObject } from '../../model/build.js';
import type { PositionIndex } from '../../model/positions.js';
import type { ConstructSuppression, NodePath, RawConfig, SourceLocation } from '../../model/types.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';
import type { StaticReader } from './static-reader.js';
import { IDENTIFYING_PROP, pascal, SKIP, type ConstructClass, type ConstructDecl, type Member, type Note, type Obj, type Val } from './values.js';

/**
 * Turns the read constructs into one RawConfig: props keys are upper-cased on the first letter (the props
 * mirror the sso-admin shapes), `actorPolicy` is kept as written, construct references become Names.
 */
export class RawBuilder {
  private readonly raw: RawConfig = { version: 1 };
  private readonly suppressions: ConstructSuppression[] = [];
  /** RawConfig places whose value could not be read (see RawInput.holes). */
  private readonly holes: NodePath[] = [];
  private instanceArn?: string;

  constructor(
    private readonly reader: StaticReader,
    private readonly positions: PositionIndex,
    private readonly notes: Note[],
  ) {}

  build(decls: ConstructDecl[]): RawInput {
    const issuers = decls.filter((d) => d.cls === 'TrustedTokenIssuer');
    const apps = decls.filter((d) => d.cls === 'IdentityCenterApplication');
    const children = decls.filter((d) => d.cls !== 'TrustedTokenIssuer' && d.cls !== 'IdentityCenterApplication');
    const appIndex = new Map<ConstructDecl, number>();
    const appByName = new Map<string, number>();
    const rawIssuers: Obj[] = [];
    const rawApps: Obj[] = [];

    for (const decl of issuers) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) continue;
      const path: NodePath = ['trustedTokenIssuers', rawIssuers.length];
      const out: Obj = {};
      rawIssuers.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'instanceArn') this.takeInstanceArn(m, out, path);
        else if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `trustedTokenIssuers/${String(out.Name)}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      // The construct's documented defaults, as synth writes them.
      if (out.TrustedTokenIssuerType === undefined) this.putDefault(out, path, 'TrustedTokenIssuerType', PROP_DEFAULTS.trustedTokenIssuerType, props.loc);
      const oidc = (out.TrustedTokenIssuerConfiguration as Obj | undefined)?.OidcJwtConfiguration;
      if (isObject(oidc) && oidc.JwksRetrievalOption === undefined) {
        this.putDefault(oidc, [...path, 'TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration'], 'JwksRetrievalOption', PROP_DEFAULTS.jwksRetrievalOption, props.loc);
      }
    }

    for (const decl of apps) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) continue;
      const path: NodePath = ['applications', rawApps.length];
      const out: Obj = {};
      appIndex.set(decl, rawApps.length);
      rawApps.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'instanceArn') this.takeInstanceArn(m, out, path);
        else if (m.key === 'identityStoreId') this.takeIdentityStoreId(m);
        else if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `applications/${String(out.Name)}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      if (typeof out.Name === 'string' && !appByName.has(out.Name)) appByName.set(out.Name, appIndex.get(decl)!);
    }

    const section: Record<string, string> = {
      ApplicationGrant: 'Grants',
      ApplicationAccessScope: 'AccessScopes',
      ApplicationAuthenticationMethod: 'AuthenticationMethods',
    };
    // A grant, scope or method that belongs to some application but could not be read: that application has
    // one more of them than is known (unknown, not missing), whichever application it is.
    const someApplicationHasOneMore = (cls: ConstructClass): void => {
      this.holes.push(['applications', ANY_SEGMENT, section[cls]!, ANY_SEGMENT]);
    };
    for (const cls of this.reader.repeated) if (section[cls]) someApplicationHasOneMore(cls);
    for (const decl of children) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) {
        someApplicationHasOneMore(decl.cls);
        continue;
      }
      const appMember = props.members.find((m) => m.key === 'application');
      if (!appMember) {
        const unreadable = props.skipped?.includes('application');
        this.note(decl.loc, `skipped new ${decl.cls}(…): ${unreadable ? 'its `application` cannot be read without running the code' : 'it has no `application`'}`);
        if (unreadable) someApplicationHasOneMore(decl.cls);
        continue;
      }
      const appVal = appMember.val;
      let index: number | undefined;
      if (appVal.kind === 'construct') index = appIndex.get(appVal.decl);
      else if (appVal.kind === 'primitive' && typeof appVal.value === 'string') {
        index = appByName.get(appVal.value) ?? rawApps.findIndex((a) => a.ApplicationArn === appVal.value);
        if (index < 0) index = undefined;
      }
      if (index === undefined) {
        this.note(appVal.loc, `skipped new ${decl.cls}(…): its \`application\` is not an IdentityCenterApplication declared in these files`);
        // An application construct of these files that could not be read itself (its name is not constant).
        if (appVal.kind === 'construct') someApplicationHasOneMore(decl.cls);
        continue;
      }
      const app = rawApps[index]!;
      const key = section[decl.cls]!;
      const list = (app[key] ??= []) as Obj[];
      const path: NodePath = ['applications', index, key, list.length];
      const out: Obj = {};
      list.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'application') continue;
        if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `applications/${String(app.Name)}/${key}/${String(path[3])}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      if (decl.cls === 'ApplicationGrant' && out.Grant === undefined) {
        // refresh_token and token_exchange take no settings; the construct sends the empty union member.
        const member = out.GrantType === 'refresh_token' ? 'RefreshToken' : out.GrantType === 'urn:ietf:params:oauth:grant-type:token-exchange' ? 'TokenExchange' : undefined;
        if (member) this.putDefault(out, path, 'Grant', { [member]: {} }, props.loc);
      }
      if (decl.cls === 'ApplicationAuthenticationMethod' && out.AuthenticationMethodType === undefined) {
        this.putDefault(out, path, 'AuthenticationMethodType', PROP_DEFAULTS.authenticationMethodType, props.loc);
      }
    }

    if (rawIssuers.length) this.raw.trustedTokenIssuers = rawIssuers;
    if (rawApps.length) this.raw.applications = rawApps;
    this.raw.instance ??= {};
    return { raw: this.raw, positions: this.positions, suppressions: this.suppressions, notes: this.notes, holes: this.holes };
  }

  /**
   * A construct whose identifying prop (an application's or issuer's name, a grant's type, a scope) cannot
   * be read is skipped as a whole: a nameless entry would only produce findings about the reader's gap.
   */
  private identifiable(decl: ConstructDecl, props: Extract<Val, { kind: 'object' }>): boolean {
    const key = IDENTIFYING_PROP[decl.cls];
    if (!props.skipped?.includes(key)) return true;
    this.note(decl.loc, `skipped new ${decl.cls}(…): its \`${key}\` cannot be read without running the code`);
    return false;
  }

  private note(loc: SourceLocation, message: string): void {
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }

  /** Props that could not be read are holes: unknown, not missing (instanceArn/identityStoreId live on the instance). */
  private holesOfProps(props: Extract<Val, { kind: 'object' }>, path: NodePath): void {
    for (const key of props.skipped ?? []) {
      if (key === 'instanceArn' && this.instanceArn === undefined) this.holes.push(['instance', 'InstanceArn']);
      else if (key === 'identityStoreId') this.holes.push(['instance', 'IdentityStoreId']);
      else if (key !== 'suppressions' && key !== 'application') this.holes.push([...path, pascal(key)]);
    }
  }

  /** The first instanceArn seen is the config's instance; a resource on another instance keeps its own. */
  private takeInstanceArn(m: Member, out: Obj, path: NodePath): void {
    const value = m.val.kind === 'primitive' ? m.val.value : undefined;
    if (typeof value !== 'string') return this.put(out, path, m);
    if (this.instanceArn === undefined) {
      this.instanceArn = value;
      this.raw.instance = { InstanceArn: value, ...(this.raw.instance ?? {}) };
      this.positions.setValue(['instance'], m.val.loc);
      this.positions.setValue(['instance', 'InstanceArn'], m.val.loc);
      this.positions.setKey(['instance', 'InstanceArn'], m.keyLoc);
    } else if (value !== this.instanceArn) {
      this.put(out, path, m);
    }
  }

  private takeIdentityStoreId(m: Member): void {
    const instance = (this.raw.instance ??= {});
    if (instance.IdentityStoreId !== undefined) return;
    const value = this.toRaw(m.val, ['instance', 'IdentityStoreId'], false);
    if (value === SKIP) return;
    instance.IdentityStoreId = value;
    this.positions.setKey(['instance', 'IdentityStoreId'], m.keyLoc);
  }

  private takeSuppressions(m: Member, path: NodePath, resource: () => string): void {
    if (m.val.kind !== 'array') {
      this.note(m.val.loc, 'skipped `suppressions`: expected an array of { id, reason }');
      return;
    }
    m.val.items.forEach((item, k) => {
      const id = item.kind === 'object' ? item.members.find((x) => x.key === 'id')?.val : undefined;
      const reason = item.kind === 'object' ? item.members.find((x) => x.key === 'reason')?.val : undefined;
      if (id?.kind !== 'primitive' || typeof id.value !== 'string') {
        this.note(item.loc, 'skipped a suppression: expected { id, reason }');
        return;
      }
      const pointer: NodePath = [...path, 'suppressions', k];
      this.positions.setValue(pointer, item.loc);
      const why = reason?.kind === 'primitive' && typeof reason.value === 'string' ? reason.value : undefined;
      this.suppressions.push({ id: id.value, reason: why, resource: resource(), pointer });
    });
  }

  private put(out: Obj, path: NodePath, m: Member): void {
    const key = pascal(m.key);
    const childPath = [...path, key];
    // Each use of a shared const is expanded here: the reader's budget counts it.
    const value = this.reader.afford(m.val, m.val.loc) ? this.toRaw(m.val, childPath, m.key === 'actorPolicy') : SKIP;
    if (value === SKIP) {
      this.holes.push(childPath);
      return;
    }
    this.positions.setKey(childPath, m.keyLoc);
    out[key] = value;
  }

  private putDefault(out: Obj, path: NodePath, key: string, value: unknown, loc: SourceLocation): void {
    out[key] = value;
    this.positions.setValue([...path, key], loc);
  }

  /**
   * A Val → plain JSON at `path`, recording positions; `verbatim` keeps object keys as written. SKIP: a
   * reference to a construct whose name is not constant (noted, left out like any unreadable value).
   */
  private toRaw(val: Val, path: NodePath, verbatim: boolean): unknown {
    switch (val.kind) {
      case 'primitive':
        if (val.terraform) {
          this.note(val.loc, 'skipped a value that cannot be read without running the code: a TerraformIterator value outside a provider binding');
          return SKIP;
        }
        this.positions.setValue(path, val.loc);
        return val.value;
      case 'construct': {
        const name = this.reader.nameOf(val.decl);
        if (name === undefined) {
          this.note(val.loc, `skipped a reference: the referenced ${val.decl.cls} has no constant \`name\``);
          return SKIP;
        }
        this.positions.setValue(path, val.loc);
        return name;
      }
      case 'array': {
        this.positions.setValue(path, val.loc);
        const out: unknown[] = [];
        let unknownItems = val.unknownItems ?? 0;
        for (const item of val.items) {
          const v = this.toRaw(item, [...path, out.length], verbatim);
          if (v !== SKIP) out.push(v);
          else unknownItems++;
        }
        // The unread elements come after the read ones: the list is known to hold them, not what they are.
        for (let k = 0; k < unknownItems; k++) this.holes.push([...path, out.length + k]);
        return out;
      }
      case 'object': {
        this.positions.setValue(path, val.loc);
        for (const key of val.skipped ?? []) this.holes.push([...path, verbatim ? key : pascal(key)]);
        const out: Obj = {};
        for (const m of val.members) {
          const key = verbatim ? m.key : pascal(m.key);
          const v = this.toRaw(m.val, [...path, key], verbatim || m.key === 'actorPolicy');
          if (v === SKIP) {
            this.holes.push([...path, key]);
            continue;
          }
          this.positions.setKey([...path, key], m.keyLoc);
          out[key] = v;
        }
        return out;
      }
    }
  }
}
