import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { requestSecretsRedactor } from '../errors/request-secrets.js';
import type { Transport } from '../transport/transport.js';
import type { EwsHttpRequest, EwsHttpResponse } from './http.js';
import type { Policy, SendNext } from './policy.js';

/** Where `withPolicy` puts a policy: next to a named one, or innermost (next to the transport). */
export type PolicyPlacement = { readonly before: string } | { readonly after: string };

export interface PipelineOptions {
  /** Outermost first; see `DEFAULT_POLICY_ORDER` for the built-ins' documented order. */
  readonly policies: readonly Policy[];
  /**
   * The last step: puts the request on the wire. A request that carries a `lease` (set by the
   * auth policy for connection-bound schemes) goes through the lease instead: the pipeline
   * routes it itself, so a pipeline you compose needs no lease handling of its own.
   */
  readonly transport: Pick<Transport, 'send'>;
}

/** An immutable chain of named policies ending at a transport. */
export interface Pipeline {
  /** Policy names, outermost first. */
  readonly policies: readonly string[];
  send(request: EwsHttpRequest): Promise<EwsHttpResponse>;
  /** A new pipeline with `policy` added (innermost unless placed before/after a named policy). */
  withPolicy(policy: Policy, placement?: PolicyPlacement): Pipeline;
  /** A new pipeline without the named policy. */
  without(name: string): Pipeline;
}

/**
 * Builds a pipeline; rejects duplicate policy names so `without`/placement are unambiguous.
 * Its last step sends through `request.lease` when there is one (else through `transport`) and
 * gives every answer a `redact` that masks the secrets its request carried.
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const policies = Object.freeze([...options.policies]);
  const names = Object.freeze(policies.map((policy) => policy.name));
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new EwsInvalidArgumentError(`The pipeline already has a policy named "${duplicate}"`);
  }
  const transport = options.transport;

  const sendFrom =
    (index: number): SendNext =>
    (request) => {
      const policy = policies[index];
      if (policy === undefined) return toWire(transport, request);
      return policy.send(request, sendFrom(index + 1));
    };
  const send = sendFrom(0);

  return Object.freeze({
    policies: names,
    send: (request: EwsHttpRequest) => send(request),
    withPolicy(policy: Policy, placement?: PolicyPlacement): Pipeline {
      const at = placement === undefined ? policies.length : insertionIndex(names, placement);
      return createPipeline({
        transport,
        policies: [...policies.slice(0, at), policy, ...policies.slice(at)],
      });
    },
    without(name: string): Pipeline {
      if (!names.includes(name))
        throw new EwsInvalidArgumentError(`The pipeline has no policy named "${name}"`);
      return createPipeline({ transport, policies: policies.filter((policy) => policy.name !== name) });
    },
  });
}

/**
 * The one place a request meets the wire: a leased connection when the auth policy set one,
 * else the transport. The answer gets a way to mask what this request carried (an error page
 * may echo its Authorization header); a redactor the transport set still applies after it.
 */
async function toWire(transport: Pick<Transport, 'send'>, request: EwsHttpRequest): Promise<EwsHttpResponse> {
  const response = await (request.lease ? request.lease.send(request) : transport.send(request));
  const inner = response.redact;
  let own: ((text: string) => string) | undefined;
  const redact = (text: string): string => {
    own ??= requestSecretsRedactor(request.headers) ?? ((same) => same);
    const masked = own(text);
    return inner ? inner(masked) : masked;
  };
  return { ...response, redact };
}

function insertionIndex(names: readonly string[], placement: PolicyPlacement): number {
  const anchor = 'before' in placement ? placement.before : placement.after;
  const index = names.indexOf(anchor);
  if (index < 0)
    throw new EwsInvalidArgumentError(`The pipeline has no policy named "${anchor}" to place next to`);
  return 'before' in placement ? index : index + 1;
}
