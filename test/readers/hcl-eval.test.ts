/** The Terraform literal evaluator: what it computes, and what it leaves unknown (never guessed). */
import { describe, expect, it } from 'vitest';
import { CannotExpand, evaluate, evaluateExpression, expandBlock, isSet, Reference, toHclJson, Unknown, type Scope, type Value } from '../../inputs/terraform/eval/index.js';

const locals: Record<string, unknown> = {
  apps: { web: 'https://web.example.com', api: 'https://api.example.com' },
  base: 'example.com',
  uris: ['https://${local.base}/cb', 'http://127.0.0.1/cb'],
  more: '${concat(local.uris, ["https://extra.example.com/cb"])}',
  policy: '${jsonencode({\n  Version = "2012-10-17"\n  Statement = [{ Effect = "Allow", Action = "sso:CreateTokenWithIAM", Resource = "*" }]\n})}',
  loop: '${local.loop}',
};
const scope: Scope = { local: (name) => (name === 'loop' ? new Unknown('${local.loop}') : evaluate(locals[name], scope)) };
const ev = (source: string, s: Scope = scope): Value => evaluateExpression(source, s);
const form = (source: string, s: Scope = scope): unknown => toHclJson(ev(source, s));

describe('literal evaluation', () => {
  it('reads locals, also locals that reference other locals and templates of literals', () => {
    expect(ev('local.apps')).toEqual(locals.apps);
    expect(ev('local.uris')).toEqual(['https://example.com/cb', 'http://127.0.0.1/cb']);
    expect(ev('local.more')).toEqual(['https://example.com/cb', 'http://127.0.0.1/cb', 'https://extra.example.com/cb']);
    expect(ev('local.apps.web')).toBe('https://web.example.com');
    expect(ev('local.apps["api"]')).toBe('https://api.example.com');
    expect(ev('local.uris[1]')).toBe('http://127.0.0.1/cb');
    expect(evaluate('app-${local.base}-${1}', scope)).toBe('app-example.com-1');
  });

  it('evaluates tolist, toset, merge, concat, lookup, jsonencode and format of literals', () => {
    expect(ev('tolist(["a", "b"])')).toEqual(['a', 'b']);
    const set = ev('toset(["b", "a", "b"])');
    expect(set).toEqual(['a', 'b']);
    expect(isSet(set)).toBe(true);
    expect(ev('merge(local.apps, { web = "https://other" }, { extra = 1 })')).toEqual({ web: 'https://other', api: 'https://api.example.com', extra: 1 });
    expect(ev('concat(["a"], ["b", "c"])')).toEqual(['a', 'b', 'c']);
    expect(ev('lookup(local.apps, "web")')).toBe('https://web.example.com');
    expect(ev('lookup(local.apps, "nope", "fallback")')).toBe('fallback');
    expect(JSON.parse(ev('local.policy') as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sso:CreateTokenWithIAM', Resource: '*' }],
    });
    expect(ev('format("%s-%d:%q %%", "app", 3, "x")')).toBe('app-3:"x" %');
    expect(ev('"a\\"b\\n"')).toBe('a"b\n');
  });

  it('keeps references to resources as references (with their instance key)', () => {
    expect(ev('aws_ssoadmin_application.web.arn')).toEqual(new Reference('aws_ssoadmin_application.web', 'arn'));
    expect(ev('aws_ssoadmin_application.web["a"].arn')).toEqual(new Reference('aws_ssoadmin_application.web["a"]', 'arn'));
    expect(ev('aws_ssoadmin_application.web[each.key].arn', { ...scope, each: { key: 'k', value: 1 } })).toEqual(new Reference('aws_ssoadmin_application.web["k"]', 'arn'));
    expect(ev('data.aws_identitystore_group.g.group_id')).toEqual(new Reference('data.aws_identitystore_group.g', 'group_id'));
    expect(ev('aws_x.y.arn', { modulePrefix: 'module.tip.' })).toEqual(new Reference('module.tip.aws_x.y', 'arn'));
    expect(form('[aws_x.y.arn, "lit"]')).toEqual(['${aws_x.y.arn}', 'lit']);
  });

  it('leaves what only Terraform knows unknown, with the text it was written as', () => {
    expect(form('var.domain')).toBe('${var.domain}');
    expect(form('tolist(data.aws_ssoadmin_instances.this.arns)[0]')).toBe('${tolist(data.aws_ssoadmin_instances.this.arns)[0]}');
    expect(form('var.domain == "x" ? "a" : "b"')).toBe('${var.domain == "x" ? "a" : "b"}');
    expect(form('[for u in var.uris : upper(u)]')).toBe('${[for u in var.uris : upper(u)]}');
    expect(form('upper(var.domain)')).toBe('${upper(var.domain)}');
    expect(form('merge(local.apps, var.extra)')).toBe('${merge(local.apps, var.extra)}');
    expect(form('jsonencode({ a = var.x })')).toBe('${jsonencode({ a = var.x })}');
    expect(form('local.loop')).toBe('${local.loop}');
    expect(form('local.apps.missing')).toBe('${local.apps.missing}');
    // A list element that is unknown stays unknown on its own; the known ones are values.
    expect(form('concat(["https://a/cb"], ["https://*.${var.domain}/cb"])')).toEqual(['https://a/cb', 'https://*.${var.domain}/cb']);
    expect(toHclJson(evaluate('https://${local.base}/${var.path}', scope))).toBe('https://example.com/${var.path}');
    expect(toHclJson(evaluate('%{ if var.on }x%{ endif }', scope))).toBe('%{ if var.on }x%{ endif }');
  });

  it('evaluates operators, conditionals, for expressions, splats, template directives and functions of known values', () => {
    expect(ev('1 + 2')).toBe(3);
    expect(ev('true ? "a" : "b"')).toBe('a');
    expect(ev('[for u in local.uris : upper(u)]')).toEqual(['HTTPS://EXAMPLE.COM/CB', 'HTTP://127.0.0.1/CB']);
    expect(ev('{ for k, v in local.apps : k => v if k != "api" }')).toEqual({ web: 'https://web.example.com' });
    expect(ev('[{ a = 1 }, { a = 2 }][*].a')).toEqual([1, 2]);
    expect(evaluate('%{ if true }x%{ endif }', scope)).toBe('x');
    expect(ev('upper("a")')).toBe('A');
  });

  it('writes literal ${ back escaped, so it is not read as an interpolation', () => {
    expect(evaluate('a $${b}', scope)).toBe('a ${b}');
    expect(toHclJson(evaluate('a $${b}', scope))).toBe('a $${b}');
  });
});

describe('count, for_each and dynamic blocks', () => {
  it('makes one instance per for_each map entry with each.key / each.value', () => {
    const out = expandBlock({ for_each: '${local.apps}', name: 'app-${each.key}', url: '${each.value}' }, scope);
    expect(out.map((i) => [i.suffix, i.body])).toEqual([
      ['["api"]', { name: 'app-api', url: 'https://api.example.com' }],
      ['["web"]', { name: 'app-web', url: 'https://web.example.com' }],
    ]);
  });

  it('for_each over a set, and count with count.index', () => {
    expect(expandBlock({ for_each: '${toset(["b", "a"])}', name: '${each.value}' }, scope).map((i) => [i.suffix, i.body.name])).toEqual([
      ['["a"]', 'a'],
      ['["b"]', 'b'],
    ]);
    expect(expandBlock({ count: 2, name: 'n-${count.index}' }, scope).map((i) => [i.suffix, i.body.name])).toEqual([
      ['[0]', 'n-0'],
      ['[1]', 'n-1'],
    ]);
    expect(expandBlock({ count: '${length(local.uris)}', uri: '${local.uris[count.index]}' }, scope).map((i) => i.body.uri)).toEqual(['https://example.com/cb', 'http://127.0.0.1/cb']);
    expect(expandBlock({ name: 'plain' }, scope)).toMatchObject([{ suffix: '', body: { name: 'plain' } }]);
  });

  it('refuses what only Terraform can expand, saying why', () => {
    expect(() => expandBlock({ for_each: '${var.apps}' }, scope)).toThrow(/`for_each` makes instances that only Terraform can expand \(`\$\{var.apps\}` is only known/);
    expect(() => expandBlock({ for_each: ['a', 'b'] }, scope)).toThrow(/a map or a set of strings/);
    const err = (() => {
      try {
        expandBlock({ grant: [{ dynamic: { uris: [{ for_each: '${var.x}', content: [{}] }] } }] }, scope);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CannotExpand);
    expect((err as CannotExpand).at).toEqual(['grant', 0, 'dynamic', 'uris', 0, 'for_each']);
  });

  it('expands dynamic blocks (nested ones too, with iterator names) after the static blocks, and maps paths back', () => {
    const [one] = expandBlock(
      {
        issuers: [{ arn: 'static' }],
        dynamic: {
          issuers: [
            {
              for_each: '${local.apps}',
              iterator: '${app}',
              content: [{ arn: '${app.key}', dynamic: { aud: [{ for_each: ['x', 'y'], content: [{ v: '${aud.value}-${app.value}' }] }] } }],
            },
          ],
        },
      },
      scope,
    );
    expect(one!.body).toEqual({
      issuers: [
        { arn: 'static' },
        { arn: 'api', aud: [{ v: 'x-https://api.example.com' }, { v: 'y-https://api.example.com' }] },
        { arn: 'web', aud: [{ v: 'x-https://web.example.com' }, { v: 'y-https://web.example.com' }] },
      ],
    });
    expect(one!.written(['issuers', 0, 'arn'])).toEqual(['issuers', 0, 'arn']);
    expect(one!.written(['issuers', 2, 'arn'])).toEqual(['dynamic', 'issuers', 0, 'content', 0, 'arn']);
    expect(one!.written(['issuers', 2, 'aud', 1, 'v'])).toEqual(['dynamic', 'issuers', 0, 'content', 0, 'dynamic', 'aud', 0, 'content', 0, 'v']);
  });
});

describe('hostile input', () => {
  it('an expression nested deeper than any configuration is unknown, not a crash', () => {
    const deep = `${'tolist(['.repeat(5000)}1${'])'.repeat(5000)}`;
    expect(ev(deep)).toBeInstanceOf(Unknown);
    expect(ev(`${'tolist('.repeat(50)}[1]${')'.repeat(50)}`)).toEqual([1]);
  });
});
