import type * as AutodiscoverModule from '@ews/autodiscover';
import { EwsInvalidArgumentError } from '@ews/core';
import { importOptional, type ModuleLoader } from './auth-types.js';

/** The parts of @ews/autodiscover the client uses. */
export type AutodiscoverPackage = Pick<typeof AutodiscoverModule, 'Autodiscover'>;

export const AUTODISCOVER_PACKAGE = '@ews/autodiscover';

/** Loads @ews/autodiscover on first use; names the package to install when it is missing. */
export async function loadAutodiscover(load: ModuleLoader = importOptional): Promise<AutodiscoverPackage> {
  let module: Record<string, unknown>;
  try {
    module = await load(AUTODISCOVER_PACKAGE);
  } catch (error) {
    throw new EwsInvalidArgumentError(
      `autodiscover needs the optional package ${AUTODISCOVER_PACKAGE}: npm install ${AUTODISCOVER_PACKAGE}`,
      { cause: error },
    );
  }
  if (typeof module.Autodiscover !== 'function') {
    throw new EwsInvalidArgumentError(`${AUTODISCOVER_PACKAGE} does not export Autodiscover`);
  }
  return module as unknown as AutodiscoverPackage;
}
