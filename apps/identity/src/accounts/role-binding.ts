import { bilingual, DomainError, Role, TerritoryScope } from '@ocop/contracts';

/** Roles with the data they need: a producer acts for one producer, an officer for one territory. */
export interface RoleBinding {
  roles: Role[];
  producerId?: string;
  scope?: TerritoryScope;
}

const SCOPED_ROLES: Role[] = ['officer', 'council'];

/** `field: message`, the message in Vietnamese and English: the portal shows it under the field it names. */
export function roleBindingProblems({ roles, producerId, scope }: RoleBinding): string[] {
  const problems: string[] = [];
  const has = (role: Role) => roles.includes(role);
  const problem = (field: string, vi: string, en: string) => problems.push(`${field}: ${bilingual(vi, en)}`);
  if (roles.length === 0) problem('roles', 'cần ít nhất một vai trò', 'at least one role is required');
  if (has('producer') && !producerId)
    problem('producerId', 'vai trò chủ thể cần chọn chủ thể', 'required for the producer role');
  if (!has('producer') && producerId)
    problem(
      'producerId',
      'chỉ tài khoản chủ thể mới đại diện cho một chủ thể',
      'only a producer account acts for a producer',
    );
  if (has('officer') && !scope)
    problem(
      'scope',
      'cán bộ cần một địa bàn (ít nhất là tỉnh)',
      'an officer needs a territory (at least provinceCode)',
    );
  // Council members may belong to a district or provincial council; nobody else has a territory.
  if (scope && !SCOPED_ROLES.some(has))
    problem(
      'scope',
      'chỉ cán bộ và thành viên hội đồng mới có địa bàn',
      'only officers and council members have a territory',
    );
  return problems;
}

export function assertRoleBinding(binding: RoleBinding): void {
  const problems = roleBindingProblems(binding);
  if (problems.length) {
    throw new DomainError(
      'invalid-role-binding',
      400,
      bilingual('Vai trò và dữ liệu đi kèm chưa khớp', 'Roles and their data do not fit together'),
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
