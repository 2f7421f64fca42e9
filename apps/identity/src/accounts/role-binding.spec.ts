import { roleBindingProblems } from './role-binding';

describe('role bindings', () => {
  it('accepts a producer with its producer, an officer with a territory, a council member with or without', () => {
    expect(roleBindingProblems({ roles: ['producer'], producerId: 'p-1' })).toEqual([]);
    expect(
      roleBindingProblems({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '831' } }),
    ).toEqual([]);
    expect(roleBindingProblems({ roles: ['council'], scope: { provinceCode: '83' } })).toEqual([]);
    expect(roleBindingProblems({ roles: ['council', 'admin'] })).toEqual([]);
  });

  it('requires producerId for, and only for, the producer role', () => {
    expect(roleBindingProblems({ roles: ['producer'] })).toEqual([
      'producerId: vai trò chủ thể cần chọn chủ thể / required for the producer role',
    ]);
    expect(roleBindingProblems({ roles: ['retailer'], producerId: 'p-1' })).toEqual([
      'producerId: chỉ tài khoản chủ thể mới đại diện cho một chủ thể / only a producer account acts for a producer',
    ]);
  });

  it('requires a territory for officers and refuses one for roles without', () => {
    expect(roleBindingProblems({ roles: ['officer'] })).toHaveLength(1);
    expect(roleBindingProblems({ roles: ['retailer'], scope: { provinceCode: '83' } })).toHaveLength(1);
  });

  it('requires at least one role', () => {
    expect(roleBindingProblems({ roles: [] })).toEqual([
      'roles: cần ít nhất một vai trò / at least one role is required',
    ]);
  });
});
