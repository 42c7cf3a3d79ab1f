/** HCL's operators on evaluated operands: arithmetic, comparison, logic and equality, as Terraform computes them. */
import { convert, decimal, EvalError, numberToString, typesEqual, typeOf, Unevaluated } from './types.js';
import { isKnown, isUnknown, Unknown, unknownReason, valuesEqual, type Value } from './values.js';

export function unaryOperation(op: '!' | '-', v: Value): Value {
  if (isUnknown(v)) return new Unknown('', unknownReason(v));
  if (v === null) throw new EvalError('Unsuitable value for unary operand: a non-null value is required.');
  if (op === '!') return !(convert(v, 'bool') as boolean);
  return -(convert(v, 'number') as number);
}

export function binaryOperation(op: string, left: Value, right: Value): Value {
  if (op === '==' || op === '!=') {
    if (!isKnown(left) || !isKnown(right)) return new Unknown('', unknownReason(left) ?? unknownReason(right));
    const equal = left === null || right === null ? left === right : valuesEqual(left, right) && typesEqual(typeOf(left), typeOf(right));
    return op === '==' ? equal : !equal;
  }
  if (isUnknown(left) || isUnknown(right)) return new Unknown('', unknownReason(left) ?? unknownReason(right));
  if (left === null) throw new EvalError('Unsuitable value for left operand: a non-null value is required.');
  if (right === null) throw new EvalError('Unsuitable value for right operand: a non-null value is required.');
  if (op === '&&' || op === '||') {
    const a = operand(left, 'bool', 'left') as boolean;
    const b = operand(right, 'bool', 'right') as boolean;
    return op === '&&' ? a && b : a || b;
  }
  const a = operand(left, 'number', 'left') as number;
  const b = operand(right, 'number', 'right') as number;
  switch (op) {
    case '+':
      return decimal(a + b);
    case '-':
      return decimal(a - b);
    case '*':
      return decimal(a * b);
    case '/':
      if (b === 0) throw new EvalError('Division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new EvalError('Division by zero');
      return decimal(a % b);
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new EvalError(`unknown operator ${op}`);
}


/**
 * Terraform's numbers are arbitrary-precision; tipkit's are doubles. A literal a double cannot hold exactly
 * (an integer past 2^53, more than 15 significant digits) leaves its value unknown rather than rounded.
 */
export class Inexact extends Unevaluated {
  constructor() {
    super('a number with more digits than tipkit computes exactly');
  }
}

export function exactNumber(text: string, value: number): boolean {
  if (/^[0-9.]+$/.test(text) === false) return true; // written with an exponent: its digits are few
  if (Number.isInteger(value)) return Number.isSafeInteger(value);
  return text.replace(/^0+|\./g, '').replace(/^0+/, '').length <= 15;
}


export function templateString(v: Value): string {
  if (v === null) throw new EvalError('Invalid template interpolation value: the expression result is null. Cannot include a null value in a string template.');
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return String(v);
  throw new EvalError('Invalid template interpolation value: cannot include the given value in a string template: string required.');
}

function operand(v: Value, type: 'bool' | 'number', side: string): Value {
  try {
    return convert(v, type);
  } catch {
    throw new EvalError(`Unsuitable value for ${side} operand: a ${type} is required.`);
  }
}


