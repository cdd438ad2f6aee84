// Lists every place a package's public API takes a number from its caller, read from the source
// with the TypeScript checker: the number-typed properties of exported *Options / *Params / *View /
// *Limits / *Overrides types, and the number-typed parameters of exported functions and of the
// public methods and constructors of exported classes. The numeric-options tests compare this list with their
// table of checks, so a new numeric option cannot appear without a row that tests it.
import { dirname } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import { publicExportsOf } from './public-exports.mjs';

// Limits and Overrides: bounds a caller may set (reader limits and the like).
const OPTION_TYPE_NAME = /(Options|Params|View|Limits|Overrides)$/;

/**
 * @param {string} entry absolute path of the package's `src/index.ts`
 * @param {{ ownOnly?: boolean }} [options] `ownOnly`: leave out what the package re-exports from
 *   other packages (they have their own table)
 * @returns {string[]} sorted names: `Type.property`, `function(param)`, `Class#method(param)`,
 *   `Class.staticMethod(param)`, `new Class(param)`
 */
export function numericInputsOf(entry, options = {}) {
  const sourceDir = dirname(entry);
  const { checker, exports } = publicExportsOf(entry);
  const found = new Set();

  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    const declared = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
    if (options.ownOnly && !declared.startsWith(sourceDir)) continue;
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      if (!OPTION_TYPE_NAME.test(name)) continue;
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const member of type.isUnion() ? type.types : [type]) {
        for (const property of checker.getPropertiesOfType(member)) {
          if (isNumeric(checker, typeOfSymbol(checker, property))) found.add(`${name}.${property.getName()}`);
        }
      }
    } else if (symbol.flags & ts.SymbolFlags.Function) {
      for (const signature of checker.getSignaturesOfType(
        typeOfSymbol(checker, symbol),
        ts.SignatureKind.Call,
      )) {
        addParameters(checker, signature, name, found);
      }
    } else if (symbol.flags & ts.SymbolFlags.Class) {
      if (extendsError(checker, symbol)) continue;
      const classType = typeOfSymbol(checker, symbol);
      for (const signature of checker.getSignaturesOfType(classType, ts.SignatureKind.Construct)) {
        addParameters(checker, signature, `new ${name}`, found);
      }
      for (const property of checker.getPropertiesOfType(classType)) {
        if (property.getName() === 'prototype') continue;
        addMethod(checker, property, `${name}.${property.getName()}`, found);
      }
      const instance = checker.getDeclaredTypeOfSymbol(symbol);
      for (const property of checker.getPropertiesOfType(instance)) {
        if (property.getName().startsWith('#') || property.getName().startsWith('__@')) continue;
        addMethod(checker, property, `${name}#${property.getName()}`, found);
      }
    }
  }
  return [...found].sort();
}

function addMethod(checker, property, label, found) {
  if (!(property.flags & ts.SymbolFlags.Method)) return;
  const declaration = property.valueDeclaration ?? property.declarations?.[0];
  const modifiers =
    declaration && ts.canHaveModifiers(declaration) ? ts.getModifiers(declaration) : undefined;
  if (
    modifiers?.some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    )
  )
    return;
  for (const signature of checker.getSignaturesOfType(
    typeOfSymbol(checker, property),
    ts.SignatureKind.Call,
  )) {
    addParameters(checker, signature, label, found);
  }
}

function addParameters(checker, signature, label, found) {
  for (const parameter of signature.getParameters()) {
    if (isNumeric(checker, typeOfSymbol(checker, parameter))) found.add(`${label}(${parameter.getName()})`);
  }
}

function typeOfSymbol(checker, symbol) {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  return declaration
    ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
    : checker.getDeclaredTypeOfSymbol(symbol);
}

function isNumeric(checker, type) {
  if (type.flags & ts.TypeFlags.NumberLike) return true;
  if (type.isUnion()) return type.types.some((member) => isNumeric(checker, member));
  return false;
}

function extendsError(checker, symbol) {
  for (let type = checker.getDeclaredTypeOfSymbol(symbol); type; ) {
    if (type.getSymbol()?.getName() === 'Error') return true;
    const bases = type.isClassOrInterface() ? checker.getBaseTypes(type) : [];
    type = bases[0];
  }
  return false;
}

/**
 * Runs one probe of a numeric-option table row and checks its verdict: a value the row accepts is not
 * refused with EWS_INVALID_ARGUMENT (with `strict`, nothing is thrown at all); any other value is
 * refused that way, with a message naming the option and the value.
 * @param {{ option: string, accepts: (value: number) => boolean, apply: (value: number) => unknown }} row
 * @param {number} value
 * @param {{ isInvalidArgument: (error: unknown) => boolean, describeValue: (value: unknown) => string, strict?: boolean }} checks
 * @returns {Promise<unknown>} what the call threw, or undefined
 */
export async function expectNumericProbe(row, value, checks) {
  let error;
  try {
    await row.apply(value);
  } catch (caught) {
    error = caught;
  }
  const refused = checks.isInvalidArgument(error);
  if (row.accepts(value)) {
    expect(refused ? error.message : 'accepted').toBe('accepted');
    if (checks.strict) expect(error).toBeUndefined();
  } else {
    expect(refused ? 'refused' : error).toBe('refused');
    expect(error.message).toContain(row.option);
    expect(error.message).toContain(checks.describeValue(value));
  }
  return error;
}
