import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/*
 * Which elements may hold which, namespace-wise, checked by the reader as it reads (parseXml's
 * `content`): the part of a schema that decides whether a lookup by local name finds the right
 * element. Without it, an element moved to a foreign namespace simply reads as absent (a subject
 * that "is not there", an empty list), and one moved between two of the document's own namespaces
 * (EWS messages and types) reads as if it were in place. With it, both are refused.
 */

/** What the children of one element (or of every element of one namespace) may be. */
export interface XmlChildRule {
  /**
   * Whether a child outside the document's own namespaces (parseXml's `namespaces`) may be there:
   * xs:any content, a SOAP Header. Nothing below such a child is checked (the caller skips it).
   * Default: false, such a child is refused.
   */
  readonly foreign?: boolean | undefined;
  /**
   * The namespaces (among the document's own) a child may be in; default: any of them.
   * An empty list allows none (SOAP's Fault holds only unqualified elements).
   */
  readonly namespaces?: readonly string[] | undefined;
  /**
   * Children by local name → the namespace (or namespaces) each must be in, instead of
   * `namespaces`. A name not listed is held to `namespaces` (a newer schema may add elements).
   */
  readonly children?: Readonly<Record<string, string | readonly string[]>> | undefined;
}

/** What xmlContentRules takes: rules by namespace, and by element for exceptions. */
export interface XmlContentRulesSpec {
  /** Namespace URI → the rule for the children of its elements. A namespace not listed: not checked. */
  readonly namespaces: Readonly<Record<string, XmlChildRule>>;
  /** Namespace URI → local name → the rule for that element's children (instead of its namespace's). */
  readonly elements?: Readonly<Record<string, Readonly<Record<string, XmlChildRule>>>> | undefined;
}

/**
 * A rule compiled for the reader. Namespaces are bits (each namespace the spec names gets one, all
 * others share OTHER_NAMESPACE), so a child is checked with an AND, not a set lookup.
 */
export interface CompiledChildRule {
  readonly foreign: boolean;
  /** The namespaces a child not named in `children` may be in; ANY_NAMESPACE for any of ours. */
  readonly mask: number;
  /** Named children → the namespaces each may be in. */
  readonly children: ReadonlyMap<string, number> | undefined;
}

/** The rules of one namespace the spec names: its bit, and the rules of its elements' children. */
export interface CompiledNamespace {
  readonly bit: number;
  /** The rule of its elements (undefined: their children are not checked). */
  readonly rule: CompiledChildRule | undefined;
  readonly elements: ReadonlyMap<string, CompiledChildRule>;
}

/** The bit of every namespace a spec does not name (and of no namespace). */
const OTHER_NAMESPACE = 1 << 30;
/** A mask that allows every namespace of the document's own. */
export const ANY_NAMESPACE = -1;
/** At most this many namespaces named in one spec (one bit each, OTHER_NAMESPACE apart). */
const MAX_NAMESPACES = 30;

/** What a binding of `uri` needs (not exported from the package): its bit and rules. */
export let namespaceOf: (rules: XmlContentRules, uri: string) => CompiledNamespace;
/**
 * Rules whose spec is made and compiled on first use (not exported from the package): for the
 * large tables built into the package, so that importing it does not pay for them.
 */
export let deferredXmlContentRules: (spec: () => XmlContentRulesSpec) => XmlContentRules;

/**
 * Rules made by xmlContentRules, for parseXml's `content` option (and readFragmentContext's).
 * Opaque and immutable; make them once and share them between parses.
 */
export class XmlContentRules {
  // Set once: by the constructor, or on first use from #deferred (and then never again).
  #byNamespace: ReadonlyMap<string, CompiledNamespace> | undefined;
  #deferred: (() => XmlContentRulesSpec) | undefined;
  readonly #other: CompiledNamespace;

  /** Use xmlContentRules. */
  private constructor(
    byNamespace: ReadonlyMap<string, CompiledNamespace> | undefined,
    deferred?: () => XmlContentRulesSpec,
  ) {
    this.#byNamespace = byNamespace;
    this.#deferred = deferred;
    this.#other = Object.freeze({ bit: OTHER_NAMESPACE, rule: undefined, elements: new Map() });
  }

  static {
    namespaceOf = (rules, uri) => (rules.#byNamespace ?? rules.#compileDeferred()).get(uri) ?? rules.#other;
    deferredXmlContentRules = (spec) => new XmlContentRules(undefined, spec);
  }

  #compileDeferred(): ReadonlyMap<string, CompiledNamespace> {
    const byNamespace = XmlContentRules.from((this.#deferred as () => XmlContentRulesSpec)()).#byNamespace;
    this.#byNamespace = byNamespace;
    this.#deferred = undefined;
    return byNamespace as ReadonlyMap<string, CompiledNamespace>;
  }

  /** Compiles a spec (see xmlContentRules). */
  static from(spec: XmlContentRulesSpec): XmlContentRules {
    if (typeof spec !== 'object' || spec === null || typeof spec.namespaces !== 'object')
      throw new EwsInvalidArgumentError('content rules need a namespaces object');
    // Every namespace the spec names, anywhere, gets a bit.
    const bits = new Map<string, number>();
    const bitOf = (uri: string): number => {
      let bit = bits.get(uri);
      if (bit === undefined) {
        if (bits.size === MAX_NAMESPACES)
          throw new EwsInvalidArgumentError(`content rules name more than ${MAX_NAMESPACES} namespaces`);
        bit = 1 << bits.size;
        bits.set(uri, bit);
      }
      return bit;
    };
    const maskOf = (namespaces: string | readonly string[]): number =>
      (typeof namespaces === 'string' ? [namespaces] : namespaces).reduce(
        (mask, uri) => mask | bitOf(uri),
        0,
      );
    const compile = (rule: XmlChildRule): CompiledChildRule =>
      Object.freeze({
        foreign: rule.foreign === true,
        mask: rule.namespaces === undefined ? ANY_NAMESPACE : maskOf(rule.namespaces),
        children:
          rule.children === undefined
            ? undefined
            : new Map(
                Object.entries(rule.children).map(([local, namespaces]) => [local, maskOf(namespaces)]),
              ),
      });
    for (const namespace of Object.keys(spec.elements ?? {})) {
      if (!Object.hasOwn(spec.namespaces, namespace))
        throw new EwsInvalidArgumentError(
          `content rules for elements of ${namespace.slice(0, 200)} need a rule for the namespace too`,
        );
    }
    const compiled = new Map<string, { rule: CompiledChildRule; elements: Map<string, CompiledChildRule> }>();
    for (const [namespace, rule] of Object.entries(spec.namespaces)) {
      bitOf(namespace);
      const elements = new Map<string, CompiledChildRule>();
      for (const [local, elementRule] of Object.entries(spec.elements?.[namespace] ?? {}))
        elements.set(local, compile(elementRule));
      compiled.set(namespace, { rule: compile(rule), elements });
    }
    const byNamespace = new Map<string, CompiledNamespace>();
    for (const [uri, bit] of bits) {
      const own = compiled.get(uri);
      byNamespace.set(
        uri,
        Object.freeze({
          bit,
          rule: own?.rule,
          elements: own?.elements ?? new Map<string, CompiledChildRule>(),
        }),
      );
    }
    return new XmlContentRules(byNamespace);
  }
}

/**
 * Compiles content rules for parseXml's `content` option: while reading, every element below the
 * root is checked against the rule of its parent (the rule of the parent's element if `elements`
 * has one, else of its namespace); one that does not fit is refused with EWS_PROTOCOL. An element
 * outside the document's own namespaces is refused unless its parent's rule allows `foreign`
 * children, and then nothing below it is checked. Elements of a namespace `namespaces` does not
 * list hold anything.
 */
export function xmlContentRules(spec: XmlContentRulesSpec): XmlContentRules {
  return XmlContentRules.from(spec);
}

/**
 * A child that its parent's content rule does not allow, and where (an offset into the document).
 * Internal: parseXml turns it into an EwsProtocolError with a line and column.
 */
export class XmlContentError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'XmlContentError';
    this.offset = offset;
  }
}
