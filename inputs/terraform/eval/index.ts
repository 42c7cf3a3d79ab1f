/**
 * The Terraform expression evaluator the Terraform readers share (HCL, Terraform JSON, plans): evaluation kept
 * apart from the mapping and the rules, one file per concern — values, syntax, evaluation, functions, expansion.
 */
export { Unknown, Reference, isMap, isSet, isKnown, toHclJson, instanceSuffix, type Value, type Iteration, type Scope } from './values.js';
export { evaluate, evaluateExpression, moduleScope } from './evaluate.js';
export { EVALUATED_FUNCTIONS } from './functions.js';
export { instancesOf, CannotExpand, expandBlock, type Instance, type ExpandedInstance } from './expand.js';
export { FUNCTIONS } from './functions.js';
