import type * as AutodiscoverModule from '@ews/autodiscover';
import { EwsInvalidArgumentError } from '@ews/core';
import { importOptional, loadOptional, type ModuleLoader } from './auth-types.js';

/** The parts of @ews/autodiscover the client uses. */
type AutodiscoverPackage = Pick<typeof AutodiscoverModule, 'Autodiscover'>;

const AUTODISCOVER_PACKAGE = '@ews/autodiscover';

/** Loads @ews/autodiscover on first use; names the package to install when it is missing. */
export async function loadAutodiscover(load: ModuleLoader = importOptional): Promise<AutodiscoverPackage> {
  const module = await loadOptional(AUTODISCOVER_PACKAGE, 'autodiscover', load);
  if (typeof module.Autodiscover !== 'function') {
    throw new EwsInvalidArgumentError(`${AUTODISCOVER_PACKAGE} does not export Autodiscover`);
  }
  return module as unknown as AutodiscoverPackage;
}
