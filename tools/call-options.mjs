// Lists every place a package's public API takes an AbortSignal without a deadline: a parameter
// that is an AbortSignal itself, or an options object with a `signal` property and no `timeoutMs`.
// House habit: every async call takes `{ signal, timeoutMs }` (core's CallOptions) and honours both.
// The call-options tests expect this list to be empty, so a verb that drops timeoutMs fails CI.
import ts from 'typescript';
import { publicExportsOf } from './public-exports.mjs';

/**
 * @param {string} entry absolute path of the package's `src/index.ts`
 * @returns {string[]} sorted `function(param)`, `Class#method(param)`, `new Class(param)` or
 *   `Type.property` entries that take a signal without a timeoutMs
 */
export function bareSignalsOf(entry) {
  const { checker, exports } = publicExportsOf(entry);
  const found = new Set();

  const checkSignature = (signature, label) => {
    for (const parameter of signature.getParameters()) {
      const type = typeOfSymbol(checker, parameter);
      if (isAbortSignal(type) || takesSignalWithoutDeadline(checker, type)) {
        found.add(`${label}(${parameter.getName()})`);
      }
    }
  };
  const checkCallable = (symbol, label) => {
    for (const signature of checker.getSignaturesOfType(
      typeOfSymbol(checker, symbol),
      ts.SignatureKind.Call,
    )) {
      checkSignature(signature, label);
    }
  };

  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    if (symbol.flags & ts.SymbolFlags.Function) checkCallable(symbol, name);
    else if (symbol.flags & ts.SymbolFlags.Class) {
      const classType = typeOfSymbol(checker, symbol);
      for (const signature of checker.getSignaturesOfType(classType, ts.SignatureKind.Construct)) {
        checkSignature(signature, `new ${name}`);
      }
      const instance = checker.getDeclaredTypeOfSymbol(symbol);
      for (const property of checker.getPropertiesOfType(instance)) {
        if (!(property.flags & ts.SymbolFlags.Method) || property.getName().startsWith('#')) continue;
        checkCallable(property, `${name}#${property.getName()}`);
      }
    } else if (symbol.flags & ts.SymbolFlags.Interface && /Options$/.test(name)) {
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      if (takesSignalWithoutDeadline(checker, type)) found.add(`${name}.signal`);
    }
  }
  return [...found].sort();
}

function isAbortSignal(type) {
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => member.getSymbol()?.getName() === 'AbortSignal');
}

/** An object type (or a union member) with a `signal` property and no `timeoutMs`. */
function takesSignalWithoutDeadline(checker, type) {
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => {
    if (!(member.flags & ts.TypeFlags.Object) || isAbortSignal(member)) return false;
    const signal = checker.getPropertyOfType(member, 'signal');
    return signal !== undefined && checker.getPropertyOfType(member, 'timeoutMs') === undefined;
  });
}

function typeOfSymbol(checker, symbol) {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return declaration
    ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
    : checker.getDeclaredTypeOfSymbol(symbol);
}
