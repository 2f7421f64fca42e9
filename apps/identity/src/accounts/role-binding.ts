import { DomainError, Role, TerritoryScope } from '@ocop/contracts';

/** Roles with the data they need: a producer acts for one producer, an officer for one territory. */
export interface RoleBinding {
  roles: Role[];
  producerId?: string;
  scope?: TerritoryScope;
}

const SCOPED_ROLES: Role[] = ['officer', 'council'];

export function roleBindingProblems({ roles, producerId, scope }: RoleBinding): string[] {
  const problems: string[] = [];
  const has = (role: Role) => roles.includes(role);
  if (roles.length === 0) problems.push('roles: at least one role is required');
  if (has('producer') && !producerId) problems.push('producerId: required for the producer role');
  if (!has('producer') && producerId)
    problems.push('producerId: only a producer account acts for a producer');
  if (has('officer') && !scope) problems.push('scope: an officer needs a territory (at least provinceCode)');
  // Council members may belong to a district or provincial council; nobody else has a territory.
  if (scope && !SCOPED_ROLES.some(has))
    problems.push('scope: only officers and council members have a territory');
  return problems;
}

export function assertRoleBinding(binding: RoleBinding): void {
  const problems = roleBindingProblems(binding);
  if (problems.length) {
    throw new DomainError(
      'invalid-role-binding',
      400,
      'Roles and their data do not fit together',
      problems.join('; '),
      {
        errors: problems.map((p) => ({
          field: p.slice(0, p.indexOf(':')),
          message: p.slice(p.indexOf(':') + 2),
        })),
      },
    );
  }
}
