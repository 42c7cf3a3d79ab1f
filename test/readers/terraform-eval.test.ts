/**
 * The Terraform evaluator where the golden file cannot speak: budgets (Terraform has none), partial values,
 * resource references, and what stays unknown. Values agree with Terraform in test/readers/terraform-golden.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../inputs/terraform/eval/budget.js';
import { configurationScope } from '../../inputs/terraform/eval/configuration.js';
import { evaluateExpression } from '../../inputs/terraform/eval/evaluate.js';
import { isKnown, Reference, Unknown, type Scope, type Value } from '../../inputs/terraform/eval/values.js';

async function scopeOf(hcl: string, options: Parameters<typeof configurationScope>[1] = {}): Promise<Scope> {
  const { parse } = await import('@cdktf/hcl2json');
  return configurationScope(await parse('main.tf', hcl), options);
}

const reason = (v: Value): string | undefined => (v instanceof Unknown ? v.reason : undefined);

describe('budgets', () => {
  it('40 locals each doubling with concat: unknown past the value budget, with one reason naming it', async () => {
    const locals = Array.from({ length: 40 }, (_, i) => `  l${i + 1} = concat(local.l${i}, local.l${i})`).join('\n');
    const scope = await scopeOf(`locals {\n  l0 = ["x"]\n${locals}\n}\n`);
    expect(evaluateExpression('length(local.l10)', scope)).toBe(1024);
    const v = evaluateExpression('length(local.l40)', scope);
    expect(v).toBeInstanceOf(Unknown);
    expect(reason(v)).toMatch(/evaluation budget of 1,000,000 values/);
  });

  it('jsonencode of a map doubling over 40 levels: unknown (values are shared, the walk is charged)', async () => {
    const locals = Array.from({ length: 40 }, (_, i) => `  m${i + 1} = { a = local.m${i}, b = local.m${i} }`).join('\n');
    const hcl = `locals {\n  m0 = { v = "x" }\n${locals}\n  doc = jsonencode(local.m40)\n}\n`;
    // Shared values are walked once where the answer does not depend on their size.
    expect(evaluateExpression('local.m40 == local.m40', await scopeOf(hcl))).toBe(true);
    expect(evaluateExpression('length(keys(local.m40))', await scopeOf(hcl))).toBe(2);
    const scope = await scopeOf(hcl);
    expect(evaluateExpression('jsonencode(local.m3)', scope)).toBe('{"a":{"a":{"a":{"v":"x"},"b":{"v":"x"}},"b":{"a":{"v":"x"},"b":{"v":"x"}}},"b":{"a":{"a":{"v":"x"},"b":{"v":"x"}},"b":{"a":{"v":"x"},"b":{"v":"x"}}}}');
    expect(reason(evaluateExpression('local.doc', scope))).toMatch(/evaluation budget/);
    // The budget is the configuration's: once spent, what still needs evaluating there is unknown too.
    expect(reason(evaluateExpression('jsonencode(local.m3)', scope))).toMatch(/evaluation budget/);
  });

  it('count = 300000000 is past the instance budget: the resource is unknown, not expanded', async () => {
    const scope = await scopeOf('resource "terraform_data" "many" {\n  count = 300000000\n  input = "x"\n}\n');
    const v = evaluateExpression('length(terraform_data.many)', scope);
    expect(reason(v)).toBe(`past tipkit's budget of ${LIMITS.instances.toLocaleString('en-US')} instances for one count or for_each; left unknown`);
  });

  it('deeply nested calls: unknown past the depth budget, never a stack overflow', () => {
    const deep = `${'upper('.repeat(250)}"x"${')'.repeat(250)}`;
    expect(reason(evaluateExpression(deep, {}))).toMatch(/expression nested too deeply|nested function calls/);
    expect(evaluateExpression(`${'upper('.repeat(100)}"x"${')'.repeat(100)}`, {})).toBe('X');
  });

  it('a regular expression that could backtrack for ever is not evaluated', () => {
    const v = evaluateExpression('regex("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")', {});
    expect(reason(v)).toMatch(/nested repetition/);
    expect(evaluateExpression('can(regex("(a+)+$", "a!"))', {})).toBeInstanceOf(Unknown);
  });

  it('a string made huge by indent() or a format width is charged before it is built', () => {
    expect(reason(evaluateExpression('indent(1000000000, "a\\nb")', {}))).toMatch(/budget/);
    expect(reason(evaluateExpression('format("%1000000000d", 1)', {}))).toMatch(/budget/);
  });
});

describe('unknown values', () => {
  it('an unknown leaf keeps its known siblings (partial values)', async () => {
    const scope = await scopeOf('variable "org" {\n  type = string\n}\n');
    const policy = evaluateExpression('{ Action = "sso:CreateTokenWithIAM", Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org } } }', scope) as Record<string, Value>;
    expect(policy.Action).toBe('sso:CreateTokenWithIAM');
    expect(isKnown(policy)).toBe(false);
    expect(evaluateExpression('[for s in ["a", var.org] : upper(s)]', scope)).toEqual(['A', expect.any(Unknown)]);
  });

  it('root variables: unknown without a default, the default otherwise, a given value first', async () => {
    const hcl = 'variable "a" {\n  type = string\n}\nvariable "b" {\n  default = "dflt"\n}\n';
    expect(evaluateExpression('var.a', await scopeOf(hcl))).toEqual(new Unknown('${var.a}'));
    expect(evaluateExpression('var.b', await scopeOf(hcl))).toBe('dflt');
    expect(evaluateExpression('[var.a, var.b]', await scopeOf(hcl, { given: new Map([['a', 'A'], ['b', 'B']]) }))).toEqual(['A', 'B']);
  });

  it('a given value that does not fit the type constraint is unknown, saying why', async () => {
    const scope = await scopeOf('variable "n" {\n  type = number\n}\n', { given: new Map([['n', 'abc']]) });
    expect(reason(evaluateExpression('var.n', scope))).toBe('variable "n": cannot convert "abc" to number');
  });

  it('optional() defaults apply to given module inputs as to defaults', async () => {
    const hcl = 'variable "apps" {\n  type = map(object({ name = string, enabled = optional(bool, true), scopes = optional(list(string), []) }))\n}\n';
    const scope = await scopeOf(hcl, { given: new Map([['apps', { web: { name: 'Web' } }]]) });
    expect(evaluateExpression('var.apps', scope)).toEqual({ web: { enabled: true, name: 'Web', scopes: [] } });
    expect(evaluateExpression('{ for k, v in var.apps : k => v.name if v.enabled }', scope)).toEqual({ web: 'Web' });
  });

  it('for_each over another resource expands with its keys; configured attributes are values, computed ones references', async () => {
    const scope = await scopeOf(
      'resource "aws_ssoadmin_application" "app" {\n  for_each = toset(["bi", "web"])\n  name = "app-${each.key}"\n}\n' +
        'resource "aws_ssoadmin_application_assignment_configuration" "c" {\n  for_each = aws_ssoadmin_application.app\n  application_arn = each.value.arn\n}\n',
    );
    expect(scope.instances!('aws_ssoadmin_application_assignment_configuration.c')).toEqual(['bi', 'web']);
    expect(evaluateExpression('aws_ssoadmin_application.app["web"].name', scope)).toBe('app-web');
    expect(evaluateExpression('aws_ssoadmin_application.app["web"].arn', scope)).toEqual(new Reference('aws_ssoadmin_application.app["web"]', 'arn'));
    expect(evaluateExpression('[for k, a in aws_ssoadmin_application.app : a.name]', scope)).toEqual(['app-bi', 'app-web']);
    expect(evaluateExpression('aws_ssoadmin_application.app["nope"].name', scope)).toBeInstanceOf(Unknown);
  });

  it('attributes that refer to each other in a circle are unknown, not a stack overflow', async () => {
    const scope = await scopeOf('resource "terraform_data" "a" {\n  input = terraform_data.b.input\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.input\n}\n');
    expect(reason(evaluateExpression('terraform_data.a.input', scope))).toMatch(/refers to itself/);
  });

  it('module outputs come from the scope; without them module.* is unknown', () => {
    expect(evaluateExpression('module.tip.arn', { module: (name) => (name === 'tip' ? { arn: 'arn:aws:sso::1:application/x' } : undefined) })).toBe('arn:aws:sso::1:application/x');
    expect(evaluateExpression('module.other.arn', {})).toBeInstanceOf(Unknown);
  });

  it('a type error makes the value unknown, never a wrong value', () => {
    expect(reason(evaluateExpression('true ? "a" : ["b"]', {}))).toMatch(/Inconsistent conditional result types/);
    expect(evaluateExpression('try(tonumber("x"), 0)', {})).toBe(0);
    expect(evaluateExpression('var.x != null ? var.x : "fallback"', { variable: () => null })).toBe('fallback');
  });

  it('file functions read only inside the configuration directory', async () => {
    const dir = new URL('../fixtures/terraform-golden/', import.meta.url).pathname;
    const scope = await scopeOf('', { dir, root: dir });
    expect(evaluateExpression('file("files/hello.txt")', scope)).toBe('hello from a file\n');
    expect(reason(evaluateExpression('file("../../../package.json")', scope))).toMatch(/outside the configuration's directory/);
    expect(reason(evaluateExpression('file("/etc/passwd")', scope))).toMatch(/outside/);
    expect(evaluateExpression('fileexists("/etc/passwd")', scope)).toBeInstanceOf(Unknown);
  });
});
