import { type CallOptions, EwsInvalidArgumentError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import {
  buildCreateUserConfiguration,
  buildDeleteUserConfiguration,
  buildGetUserConfiguration,
  buildUpdateUserConfiguration,
  readGetUserConfiguration,
  readUserConfigurationWrite,
  type UserConfiguration,
  type UserConfigurationData,
  type UserConfigurationName,
  type UserConfigurationProperty,
} from '../operations/user-configuration.js';
import { type FolderTarget, mailboxFolderRef } from '../refs.js';

export interface UserConfigurationOptions {
  /**
   * The folder holding the configuration (required: the same name in two folders is two
   * configurations), e.g. `account.calendar`, `account.root` or `{ id }`.
   */
  readonly folder: FolderTarget;
}

export interface GetUserConfigurationOptions extends CallOptions {
  /** Which parts to return; default `['All']`. */
  readonly properties?: readonly UserConfigurationProperty[] | undefined;
}

/**
 * One user configuration object (a FAI item named `IPM.Configuration.<name>` in a folder: OWA's
 * options, Outlook's category list, an add-in's settings), read and written by name and folder.
 * Exchange answers ErrorItemNotFound for a name the folder does not hold and ErrorItemSave for a
 * create whose name is taken.
 */
export class UserConfigurationHandle {
  readonly target: UserConfigurationName;

  constructor(
    private readonly account: AccountContext,
    name: string,
    options: UserConfigurationOptions,
  ) {
    if (typeof name !== 'string' || name.trim() === '')
      throw new EwsInvalidArgumentError('userConfiguration: the name is a non-empty string');
    if (typeof options !== 'object' || options === null || options.folder === undefined)
      throw new EwsInvalidArgumentError('userConfiguration: give the folder that holds it ({ folder })');
    this.target = { name, folder: mailboxFolderRef(account.primarySmtpAddress, options.folder) };
  }

  get name(): string {
    return this.target.name;
  }

  async get(options: GetUserConfigurationOptions = {}): Promise<UserConfiguration> {
    const body = buildGetUserConfiguration(this.target, options.properties);
    return readGetUserConfiguration(
      await send(this.account, 'GetUserConfiguration', body, options),
      this.name,
    );
  }

  async create(data: UserConfigurationData = {}, options: CallOptions = {}): Promise<void> {
    const body = buildCreateUserConfiguration(this.target, data);
    readUserConfigurationWrite(await send(this.account, 'CreateUserConfiguration', body, options));
  }

  /** Replaces the parts given (a dictionary given replaces the whole dictionary); the others stay. */
  async update(data: UserConfigurationData, options: CallOptions = {}): Promise<void> {
    const body = buildUpdateUserConfiguration(this.target, data);
    readUserConfigurationWrite(await send(this.account, 'UpdateUserConfiguration', body, options));
  }

  async delete(options: CallOptions = {}): Promise<void> {
    const body = buildDeleteUserConfiguration(this.target);
    readUserConfigurationWrite(await send(this.account, 'DeleteUserConfiguration', body, options));
  }
}
