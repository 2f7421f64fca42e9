import { Checkbox, Form, type FormInstance, Radio, Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunePicker } from '../../common/places/CommunePicker';
import { useProducer } from '../../officer/queues/queue-views';
import { placeOfCommune } from '../../producer/areas/place';
import {
  type AdminAccount,
  ROLES,
  type Role,
  type RoleBinding,
  useProducerSearch,
  useProvinces,
} from './account-views';

/** Where an officer or a council acts: a whole province, one commune, or (council only) no territory at all. */
export type TerritoryKind = 'province' | 'commune' | 'none';

export interface RoleValues {
  roles: Role[];
  producerId?: string;
  territory?: TerritoryKind;
  provinceCode?: string;
  communeCode?: string;
}

const hasTerritory = (roles: Role[] | undefined) => !!roles?.some((r) => r === 'officer' || r === 'council');

/** The form's values for an account's current roles, producer and territory. */
export function roleValuesOf(account: AdminAccount): RoleValues {
  const scope = account.scope;
  return {
    roles: account.roles,
    producerId: account.producerId,
    territory: scope?.communeCode
      ? 'commune'
      : scope
        ? 'province'
        : hasTerritory(account.roles)
          ? 'none'
          : 'commune',
    provinceCode: scope?.provinceCode,
    communeCode: scope?.communeCode,
  };
}

/**
 * What the service takes (identity's RoleBindingDto): the producer only for the producer role, a territory only
 * for officers and council members; a commune is sent with its province (and district on the older map).
 */
export async function bindingOf(values: RoleValues): Promise<RoleBinding> {
  const roles = values.roles ?? [];
  const territory = hasTerritory(roles) ? values.territory : 'none';
  return {
    roles,
    ...(roles.includes('producer') && values.producerId ? { producerId: values.producerId } : {}),
    ...(territory === 'province' && values.provinceCode
      ? { scope: { provinceCode: values.provinceCode } }
      : {}),
    ...(territory === 'commune' && values.communeCode
      ? { scope: await placeOfCommune(values.communeCode) }
      : {}),
  };
}

/** The service's field paths → the fields of this form that show them. */
export function roleFieldNames(territory: TerritoryKind | undefined): Record<string, string> {
  const field =
    territory === 'province' ? 'provinceCode' : territory === 'commune' ? 'communeCode' : 'territory';
  return {
    scope: field,
    'scope.provinceCode': field,
    'scope.districtCode': field,
    'scope.communeCode': field,
  };
}

/** A producer chosen by its name, as the catalogue knows it. */
function ProducerPicker({
  id,
  value,
  onChange,
  ...aria
}: {
  id?: string;
  value?: string;
  onChange?: (producerId: string) => void;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const found = useProducerSearch(q);
  const chosen = useProducer(value);
  const options = (found.data ?? []).map((p) => ({ value: p.producerId, label: p.name }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data?.name ?? value });
  return (
    <Select
      id={id}
      {...aria}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(producerId: string) => onChange?.(producerId)}
      options={options}
      loading={found.isFetching}
      placeholder={t('adminAccounts.producerPlaceholder')}
      notFoundContent={q.length < 2 ? t('places.typeTwoLetters') : t('adminAccounts.noProducer')}
    />
  );
}

/**
 * Roles and what they need, as the service's rules have them: a producer account acts for one producer; an officer
 * has a territory (a whole province, or a commune); a council member may have one. Fields appear as roles ask.
 */
export function RoleFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const roles = Form.useWatch<Role[] | undefined>('roles', form);
  const territory = Form.useWatch<TerritoryKind | undefined>('territory', form);
  const provinces = useProvinces();
  const officer = !!roles?.includes('officer');
  const scoped = hasTerritory(roles);

  return (
    <>
      <Form.Item
        name="roles"
        label={t('adminAccounts.roles')}
        // A validator rather than `required`: antd would mark the group aria-required, which a group cannot be.
        rules={[
          {
            validator: (_rule, value?: Role[]) =>
              value?.length ? Promise.resolve() : Promise.reject(new Error(t('adminAccounts.rolesRequired'))),
          },
        ]}
      >
        <Checkbox.Group
          role="group"
          aria-label={t('adminAccounts.roles')}
          className="account-role-choices"
          options={ROLES.map((role) => ({
            value: role,
            label: (
              <>
                <strong>{t(`adminAccounts.role.${role}`)}</strong>{' '}
                <span className="muted">{t(`adminAccounts.roleHelp.${role}`)}</span>
              </>
            ),
          }))}
        />
      </Form.Item>
      {roles?.includes('producer') && (
        <Form.Item
          name="producerId"
          label={t('adminAccounts.producer')}
          extra={t('adminAccounts.producerHelp')}
          rules={[{ required: true, message: t('adminAccounts.producerRequired') }]}
        >
          <ProducerPicker />
        </Form.Item>
      )}
      {scoped && (
        <>
          <Form.Item
            name="territory"
            label={t('adminAccounts.territory')}
            extra={
              officer ? t('adminAccounts.territoryHelpOfficer') : t('adminAccounts.territoryHelpCouncil')
            }
            rules={[
              {
                validator: (_rule, value?: TerritoryKind) =>
                  officer && value === 'none'
                    ? Promise.reject(new Error(t('adminAccounts.territoryRequired')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 'commune', label: t('adminAccounts.territoryCommune') },
                { value: 'province', label: t('adminAccounts.territoryProvince') },
                ...(officer ? [] : [{ value: 'none', label: t('adminAccounts.territoryNone') }]),
              ]}
            />
          </Form.Item>
          {territory === 'province' && (
            <Form.Item
              name="provinceCode"
              label={t('adminAccounts.province')}
              rules={[{ required: true, message: t('adminAccounts.provinceRequired') }]}
            >
              <Select
                loading={provinces.isPending}
                options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
                placeholder={t('adminAccounts.provincePlaceholder')}
              />
            </Form.Item>
          )}
          {territory === 'commune' && (
            <Form.Item
              name="communeCode"
              label={t('adminAccounts.commune')}
              extra={t('adminAccounts.communeHelp')}
              rules={[{ required: true, message: t('adminAccounts.communeRequired') }]}
            >
              <CommunePicker />
            </Form.Item>
          )}
        </>
      )}
    </>
  );
}
