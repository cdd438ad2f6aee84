import { createItem } from './create-item.js';
import { deleteItem } from './delete-item.js';
import { findFolder } from './find-folder.js';
import { findItem } from './find-item.js';
import { getFolder } from './get-folder.js';
import { getItem } from './get-item.js';
import { getServerTimeZones } from './get-server-time-zones.js';
import { getUserAvailability } from './get-user-availability.js';
import type { OperationHandler } from './operation-context.js';
import { resolveNames } from './resolve-names.js';
import { getRoomLists, getRooms } from './rooms.js';
import { updateItem } from './update-item.js';

/** The operations this server implements, by body element name. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  GetFolder: getFolder,
  FindFolder: findFolder,
  GetItem: getItem,
  FindItem: findItem,
  CreateItem: createItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  GetRoomLists: getRoomLists,
  GetRooms: getRooms,
  GetUserAvailabilityRequest: getUserAvailability,
  ResolveNames: resolveNames,
  GetServerTimeZones: getServerTimeZones,
};
