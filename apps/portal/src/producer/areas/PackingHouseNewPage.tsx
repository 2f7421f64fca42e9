import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { currentLanguage } from '../../common/i18n/i18n';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { LocationField, type SiteLocation } from './LocationField';
import type { SitePlace } from './place';
import type { PackingHouse } from './site-views';
import { SiteRequestForm, type SiteRequestValues } from './SiteRequestForm';
import './areas.css';

interface Values extends SiteRequestValues {
  address?: string;
  products: string[];
  capacityTonnesPerDay?: number;
  location?: SiteLocation;
}

/** A producer asks for a packing-house code: what it packs, and where it is (a GPS point). */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('areas.newHouseTitle'));
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  async function send(values: Values, place: SitePlace): Promise<string> {
    const house = (await call(
      api.POST('/api/traceability/packing-houses', {
        body: {
          name: values.name,
          address: values.address?.trim() || undefined,
          place,
          products: values.products.map((p) => p.trim()).filter(Boolean),
          ...(values.capacityTonnesPerDay !== undefined && values.capacityTonnesPerDay !== null
            ? { capacityTonnesPerDay: values.capacityTonnesPerDay }
            : {}),
          ...(values.location?.point ? { location: values.location.point } : {}),
        },
      }),
    )) as PackingHouse;
    await queryClient.invalidateQueries({ queryKey: ['traceability', 'packing-houses'] });
    return `/co-so-dong-goi/${house.packingHouseId}`;
  }

  return (
    <SiteRequestForm
      form={form}
      title={t('areas.newHouseTitle')}
      intro={t('areas.newHouseIntro')}
      nameLabel={t('areas.field.houseName')}
      cancelTo="/vung-trong?loai=dong-goi"
      send={send}
    >
      <Form.Item name="address" label={t('areas.field.address')} rules={[{ max: 300 }]}>
        <Input autoComplete="street-address" />
      </Form.Item>
      <Form.Item
        name="products"
        label={t('areas.field.products')}
        extra={t('areas.help.products')}
        rules={[{ required: true, type: 'array', min: 1, message: t('areas.required.products') }]}
      >
        <Select mode="tags" tokenSeparators={[',', ';']} />
      </Form.Item>
      <Form.Item name="capacityTonnesPerDay" label={t('areas.field.capacity')}>
        <InputNumber
          min={0}
          decimalSeparator={currentLanguage() === 'vi' ? ',' : '.'}
          inputMode="decimal"
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="location" label={t('areas.field.location')}>
        <LocationField kind="packing-house" />
      </Form.Item>
    </SiteRequestForm>
  );
}
