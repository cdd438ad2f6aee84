import type { CallOptions } from '@ews/core';
import { send } from '../internal/send.js';
import {
  buildGetServiceConfiguration,
  readGetServiceConfiguration,
  type ServiceConfiguration,
  type ServiceConfigurationName,
} from '../operations/get-service-configuration.js';
import type { AccountContext } from './account-context.js';

/** GetServiceConfiguration for `requested`, read as exactly the configurations asked for. */
export async function getServiceConfiguration(
  account: AccountContext,
  requested: readonly ServiceConfigurationName[],
  options: CallOptions = {},
): Promise<ServiceConfiguration> {
  const params = { requested };
  const body = buildGetServiceConfiguration(params);
  return readGetServiceConfiguration(await send(account, 'GetServiceConfiguration', body, options), params);
}
