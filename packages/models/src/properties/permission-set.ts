import { enumKind } from '../kinds/enum-kind.js';
import { listOf } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { boolean, text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

export const distinguishedUser = enumKind('DistinguishedUser', ['Default', 'Anonymous']);
export const permissionLevel = enumKind('PermissionLevel', [
  'None',
  'Owner',
  'PublishingEditor',
  'Editor',
  'PublishingAuthor',
  'Author',
  'NoneditingAuthor',
  'Reviewer',
  'Contributor',
  'Custom',
]);
export const permissionAction = enumKind('PermissionAction', ['None', 'Owned', 'All']);
export const permissionReadAccess = enumKind('PermissionReadAccess', ['None', 'FullDetails']);

/** t:UserIdType: who a permission is for (a SID, an address, or Default/Anonymous). */
export const UserIdModel = defineModel({
  name: 'UserId',
  xmlName: 'UserId',
  fields: [
    field('sid', text, { xmlName: 'SID' }),
    field('primarySmtpAddress', text, { xmlName: 'PrimarySmtpAddress' }),
    field('displayName', text, { xmlName: 'DisplayName' }),
    field('distinguishedUser', distinguishedUser, { xmlName: 'DistinguishedUser' }),
    field('externalUserIdentity', text, { xmlName: 'ExternalUserIdentity' }),
  ],
});

export const calendarPermissionLevel = enumKind('CalendarPermissionLevel', [
  'None',
  'Owner',
  'PublishingEditor',
  'Editor',
  'PublishingAuthor',
  'Author',
  'NoneditingAuthor',
  'Reviewer',
  'Contributor',
  'FreeBusyTimeOnly',
  'FreeBusyTimeAndSubjectAndLocation',
  'Custom',
]);
export const calendarPermissionReadAccess = enumKind('CalendarPermissionReadAccess', [
  'None',
  'TimeOnly',
  'TimeAndSubjectAndLocation',
  'FullDetails',
]);

// t:BasePermissionType (names as exchangelib's, e.g. canCreateSubfolders).
const basePermissionFields = [
  field('userId', modelKind(UserIdModel), { xmlName: 'UserId', flags: { required: true } }),
  field('canCreateItems', boolean, { xmlName: 'CanCreateItems' }),
  field('canCreateSubfolders', boolean, { xmlName: 'CanCreateSubFolders' }),
  field('isFolderOwner', boolean, { xmlName: 'IsFolderOwner' }),
  field('isFolderVisible', boolean, { xmlName: 'IsFolderVisible' }),
  field('isFolderContact', boolean, { xmlName: 'IsFolderContact' }),
  field('editItems', permissionAction, { xmlName: 'EditItems' }),
  field('deleteItems', permissionAction, { xmlName: 'DeleteItems' }),
] as const;

/** t:PermissionType: one user's rights on a folder. */
export const PermissionModel = defineModel({
  name: 'Permission',
  xmlName: 'Permission',
  fields: [
    ...basePermissionFields,
    field('readItems', permissionReadAccess, { xmlName: 'ReadItems' }),
    field('permissionLevel', permissionLevel, { xmlName: 'PermissionLevel', flags: { required: true } }),
  ],
});
export type Permission = InferModel<typeof PermissionModel>;

/** t:CalendarPermissionType: one user's rights on a calendar folder (free/busy levels too). */
export const CalendarPermissionModel = defineModel({
  name: 'CalendarPermission',
  xmlName: 'CalendarPermission',
  fields: [
    ...basePermissionFields,
    field('readItems', calendarPermissionReadAccess, { xmlName: 'ReadItems' }),
    field('calendarPermissionLevel', calendarPermissionLevel, {
      xmlName: 'CalendarPermissionLevel',
      flags: { required: true },
    }),
  ],
});
export type CalendarPermission = InferModel<typeof CalendarPermissionModel>;

/**
 * t:PermissionSetType or, on calendar folders, t:CalendarPermissionSetType: set `permissions`
 * or `calendarPermissions`, not both. The list must not be empty when written (the schema
 * requires the element and an empty list is left out); a folder always has its Default entry.
 */
export const PermissionSetModel = defineModel({
  name: 'PermissionSet',
  xmlName: 'PermissionSet',
  fields: [
    field('permissions', listOf(modelKind(PermissionModel), 'Permission'), { xmlName: 'Permissions' }),
    field('calendarPermissions', listOf(modelKind(CalendarPermissionModel), 'CalendarPermission'), {
      xmlName: 'CalendarPermissions',
    }),
    field('unknownEntries', listOf(text, 'UnknownEntry'), {
      xmlName: 'UnknownEntries',
      flags: { readOnly: true },
    }),
  ],
});
export type PermissionSet = InferModel<typeof PermissionSetModel>;
export const permissionSet = modelKind(PermissionSetModel);
