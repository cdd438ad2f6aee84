import { type CallOptions, EwsProtocolError, EwsResponseError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { wholeCall } from '../internal/call-deadline.js';
import {
  CATEGORY_LIST_CONFIGURATION,
  categoryListXml,
  type MasterCategoryList,
  readCategoryList,
} from './category-list.js';
import { UserConfigurationHandle } from './user-configuration.js';

const notFound = (error: unknown) =>
  error instanceof EwsResponseError && error.responseCode === 'ErrorItemNotFound';

/**
 * The mailbox's master category list (Outlook's categories: names, colors, shortcuts), kept in
 * the `CategoryList` user configuration of the Calendar folder.
 */
export class CategoriesHandle {
  readonly configuration: UserConfigurationHandle;

  constructor(account: AccountContext) {
    this.configuration = new UserConfigurationHandle(account, CATEGORY_LIST_CONFIGURATION, {
      folder: { distinguishedId: 'calendar' },
    });
  }

  /** The list, or undefined when the mailbox has none yet (Outlook writes it on first use). */
  async get(options: CallOptions = {}): Promise<MasterCategoryList | undefined> {
    try {
      const { xmlData } = await this.configuration.get({ ...options, properties: ['XmlData'] });
      if (xmlData === undefined)
        throw new EwsProtocolError('CategoryList: the configuration holds no XmlData', {
          operation: 'GetUserConfiguration',
        });
      return readCategoryList(xmlData);
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Writes `list` as the mailbox's category list: an update of the existing configuration, or a
   * create when there is none. Read the list first (`get`) and change it, so attributes other
   * clients wrote are kept.
   */
  async save(list: MasterCategoryList, given: CallOptions = {}): Promise<void> {
    const xmlData = categoryListXml(list);
    // One deadline for the update and the create that may follow it.
    const options = wholeCall(given);
    try {
      await this.configuration.update({ xmlData }, options);
    } catch (error) {
      if (!notFound(error)) throw error;
      await this.configuration.create({ xmlData }, options);
    }
  }
}
