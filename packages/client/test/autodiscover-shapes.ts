// Compile-time check (run by `pnpm typecheck`, not by vitest): the shapes @ews/client declares
// for its public API stay identical to @ews/autodiscover's own types.
import type * as Autodiscover from '@ews/autodiscover';
import type * as Shapes from '../src/autodiscover-shapes.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const shapesMatchAutodiscover: [
  Equal<Shapes.AutodiscoverResult, Autodiscover.AutodiscoverResult>,
  Equal<Shapes.AutodiscoverStep, Autodiscover.AutodiscoverStep>,
  Equal<Shapes.StepSource, Autodiscover.StepSource>,
  Equal<Shapes.StepOutcome, Autodiscover.StepOutcome>,
  Equal<Shapes.DiscoveredServerVersion, Autodiscover.DiscoveredServerVersion>,
  Equal<Shapes.AutodiscoverProtocol, Autodiscover.AutodiscoverProtocol>,
  Equal<Shapes.SrvRecord, Autodiscover.SrvRecord>,
  Equal<Shapes.SrvResolver, Autodiscover.SrvResolver>,
  Equal<Shapes.CachedEndpoint, Autodiscover.CachedEndpoint>,
  Equal<Shapes.AutodiscoverCache, Autodiscover.AutodiscoverCache>,
  Equal<Shapes.RedirectPolicy, Autodiscover.RedirectPolicy>,
  Equal<Shapes.AutodiscoverTransportOption, Autodiscover.AutodiscoverTransportOption>,
  Equal<Shapes.DiscoveryOptions, Omit<Autodiscover.AutodiscoverOptions, 'auth' | 'tls'>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
