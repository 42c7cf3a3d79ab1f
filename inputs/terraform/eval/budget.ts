/**
 * What one evaluation may cost. Terraform itself limits none of this, but tipkit reads files a pull
 * request's author controls, so a 300-byte file must not take the CI job down. The limits are far above
 * real configurations (public Identity Center modules produce a few thousand values); past one, the value
 * being computed is unknown, with one note naming the limit. docs/terraform.md lists them.
 */
export const LIMITS = {
  /** Values produced or walked in one configuration: collection elements, object members, string bytes / 16. */
  nodes: 1_000_000,
  /** Instances one `count` / `for_each` (or a `dynamic` block) may expand to. */
  instances: 10_000,
  /** Nested function calls and chains of locals referring to locals. */
  depth: 200,
} as const;

export class BudgetExceeded extends Error {
  constructor(readonly budget: keyof typeof LIMITS) {
    super(budgetMessage(budget));
  }
}

export function budgetMessage(budget: keyof typeof LIMITS): string {
  if (budget === 'nodes') return `past tipkit's evaluation budget of ${LIMITS.nodes.toLocaleString('en-US')} values (an expression that multiplies its own size); left unknown`;
  if (budget === 'instances') return `past tipkit's budget of ${LIMITS.instances.toLocaleString('en-US')} instances for one count or for_each; left unknown`;
  return `past tipkit's budget of ${LIMITS.depth} nested function calls and locals; left unknown`;
}

/** Whether an unknown's reason is a spent budget (the reader notes the budget once, not at every value). */
export const isBudgetReason = (reason: string): boolean => reason.startsWith("past tipkit's");

/** What a value past the budget says (the budget itself is named once, in the configuration's note). */
export const PAST_BUDGET = "not evaluated: tipkit's evaluation budget for this configuration was spent (one note names it)";

/** One configuration's spending (shared by every scope of it, modules included). */
export class Budget {
  private nodes = 0;
  private depth = 0;
  /** The first limit passed, if any (the reader notes it once). */
  exceeded?: keyof typeof LIMITS;

  constructor(private readonly limits: { nodes: number; instances: number; depth: number } = LIMITS) {}

  /** Spend `n` values; throws BudgetExceeded past the limit. */
  charge(n: number): void {
    this.nodes += n;
    if (this.nodes > this.limits.nodes) this.fail('nodes');
  }

  chargeString(s: string): void {
    if (s.length >= 16) this.charge(s.length >>> 4);
  }

  instances(n: number): void {
    if (n > this.limits.instances) this.fail('instances');
  }

  enter(): void {
    if (++this.depth > this.limits.depth) {
      this.depth--;
      this.fail('depth');
    }
  }

  leave(): void {
    this.depth--;
  }

  private fail(budget: keyof typeof LIMITS): never {
    this.exceeded ??= budget;
    throw new BudgetExceeded(budget);
  }
}

/** The budget of the evaluation running now, so that walks over whole values (jsonencode, ==) spend from it. */
let active: Budget | undefined;

export function withBudget<T>(budget: Budget, run: () => T): T {
  const previous = active;
  active = budget;
  try {
    return run();
  } finally {
    active = previous;
  }
}

/** Spend `n` from the running evaluation's budget (nothing when no evaluation runs). */
export function spend(n = 1): void {
  active?.charge(n);
}
