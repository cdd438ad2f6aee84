import { EwsInvalidArgumentError } from '../../errors/error-classes.js';
import { el, type XmlFragment } from '../../xml/write.js';
import { nonBlank } from './non-blank.js';

/** RBAC roles for one call (ManagementRole header). */
export interface ManagementRole {
  readonly userRoles?: readonly string[] | undefined;
  readonly applicationRoles?: readonly string[] | undefined;
}

function roleList(name: string, roles: readonly string[] | undefined, what: string): XmlFragment | undefined {
  if (roles === undefined) return undefined;
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new EwsInvalidArgumentError(`${what} must be a non-empty array when given`);
  }
  return el(
    name,
    {},
    roles.map((role, i) => el('t:Role', {}, nonBlank(role, `${what}[${i}]`))),
  );
}

export function managementRoleHeader(role: ManagementRole): XmlFragment {
  const userRoles = roleList('t:UserRoles', role.userRoles, 'managementRole.userRoles');
  const applicationRoles = roleList(
    't:ApplicationRoles',
    role.applicationRoles,
    'managementRole.applicationRoles',
  );
  if (userRoles === undefined && applicationRoles === undefined) {
    throw new EwsInvalidArgumentError('managementRole needs userRoles or applicationRoles');
  }
  return el('t:ManagementRole', {}, [userRoles, applicationRoles]);
}
