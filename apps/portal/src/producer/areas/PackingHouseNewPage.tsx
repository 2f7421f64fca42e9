import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../common/api/client';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { currentLanguage } from '../../common/i18n/i18n';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { CommunePicker } from '../../common/places/CommunePicker';
import { useSession } from '../../common/session/session';
import { LocationField, type SiteLocation } from './LocationField';
import { placeOfCommune } from './place';
import type { PackingHouse } from './site-views';
import './areas.css';

interface Values {
  name: string;
  communeCode: string;
  address?: string;
  products: string[];
  capacityTonnesPerDay?: number;
  location?: SiteLocation;
}

const FIELD_NAMES: Record<string, string> = {
  'place.communeCode': 'communeCode',
  'place.provinceCode': 'communeCode',
  'place.districtCode': 'communeCode',
  location: 'location',
  'location.type': 'location',
  'location.coordinates': 'location',
};

/** A producer asks for a packing-house code: what it packs, and where it is (a GPS point). */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('areas.newHouseTitle'));
  const { account } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, FIELD_NAMES);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    clearProblem();
    setBusy(true);
    try {
      const house = (await call(
        api.POST('/api/traceability/packing-houses', {
          body: {
            name: values.name,
            address: values.address?.trim() || undefined,
            place: await placeOfCommune(values.communeCode),
            products: values.products.map((p) => p.trim()).filter(Boolean),
            ...(values.capacityTonnesPerDay !== undefined && values.capacityTonnesPerDay !== null
              ? { capacityTonnesPerDay: values.capacityTonnesPerDay }
              : {}),
            ...(values.location?.point ? { location: values.location.point } : {}),
          },
        }),
      )) as PackingHouse;
      await queryClient.invalidateQueries({ queryKey: ['traceability', 'packing-houses'] });
      navigate(`/co-so-dong-goi/${house.packingHouseId}`);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('areas.newHouseTitle')}</h1>
      <p>{t('areas.newHouseIntro')}</p>
      {!account?.producerId && <Alert type="warning" showIcon title={t('areas.noProducer')} />}
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError={{ focus: true }}>
        <Form.Item
          name="name"
          label={t('areas.field.houseName')}
          rules={[{ required: true, whitespace: true, message: t('areas.required.name') }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="communeCode"
          label={t('areas.field.commune')}
          extra={t('areas.help.commune')}
          rules={[{ required: true, message: t('areas.required.commune') }]}
        >
          <CommunePicker />
        </Form.Item>
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
        <div className="areas-toolbar">
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={busy}
            disabled={!account?.producerId}
          >
            {t('areas.submit')}
          </Button>
          <Button size="large" onClick={() => navigate('/vung-trong?loai=dong-goi')}>
            {t('areas.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
