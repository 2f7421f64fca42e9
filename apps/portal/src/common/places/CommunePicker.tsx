import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import type { paths } from '../api/schema.gen';

type UnitMap = NonNullable<
  NonNullable<paths['/api/catalogue/admin-units']['get']['parameters']['query']>['map']
>;

/** A unit as catalogue's /admin-units answers it (an untyped answer in its OpenAPI document). */
export interface AdminUnit {
  map: string;
  code: string;
  name: string;
  type: string;
  level: 'province' | 'district' | 'commune';
  parentCode?: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  'aria-describedby'?: string;
}

/**
 * A commune chosen by its name ("quoi son" finds "Xã Quới Sơn") on the map in force: nobody should have to know
 * a GSO code. The value is the code the services expect.
 */
export function CommunePicker({ id, value, onChange, ...aria }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const maps = useQuery({
    queryKey: ['admin-units', 'maps'],
    queryFn: async () =>
      (await call(api.GET('/api/catalogue/admin-units/maps'))) as unknown as { inForce: UnitMap },
    staleTime: Infinity,
  });
  const map = maps.data?.inForce;
  const units = useQuery({
    queryKey: ['admin-units', map, q],
    enabled: !!map && q.length >= 2,
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/admin-units', {
          params: { query: { q, level: 'commune', map, limit: 20 } },
        }),
      )) as unknown as { items: AdminUnit[] },
    staleTime: Infinity,
  });
  const chosen = useQuery({
    queryKey: ['admin-units', map, 'code', value],
    enabled: !!map && !!value,
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/admin-units/{map}/{code}', {
          params: { path: { map: map as UnitMap, code: value as string } },
        }),
      )) as unknown as AdminUnit,
    staleTime: Infinity,
    retry: false,
  });

  const options = (units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }));
  if (value && chosen.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: chosen.data.name });

  return (
    <Select
      id={id}
      {...aria}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(code: string) => onChange?.(code)}
      options={options}
      loading={units.isFetching}
      placeholder={t('places.communePlaceholder')}
      notFoundContent={q.length < 2 ? t('places.typeTwoLetters') : t('places.noCommune')}
    />
  );
}
