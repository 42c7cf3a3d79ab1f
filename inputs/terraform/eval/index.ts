/**
 * The Terraform expression evaluator the Terraform readers share (HCL, Terraform JSON, plans): evaluation kept
 * apart from the mapping and the rules, one file per concern — values, types, syntax, evaluation, budgets,
 * configuration scopes, file access, expansion, and one file per function family under functions/.
 */
export { Unknown, Reference, isMap, isSet, isKnown, toHclJson, instanceSuffix, type Value, type Iteration, type Scope } from './values.js';
export { evaluate, evaluateExpression, evaluateTemplateText } from './evaluate.js';
export { FUNCTIONS, RUN_TIME_FUNCTIONS, UNEVALUATED_FUNCTIONS } from './functions/index.js';
export { instancesOf, CannotExpand, expandBlock, type Instance, type ExpandedInstance } from './expand.js';
export { Budget, LIMITS, budgetMessage } from './budget.js';
export { configurationScope, moduleScope, type ConfigurationOptions } from './configuration.js';
export { parseTypeConstraint, variableValue, type VariableDeclaration } from './constraints.js';
export { typeOf, type Type } from './types.js';

import { FUNCTIONS } from './functions/index.js';
/** The function names evaluated here (docs and notes list them). */
export const EVALUATED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);
