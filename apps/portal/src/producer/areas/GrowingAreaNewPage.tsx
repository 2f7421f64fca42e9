import { useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../common/api/client';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatNumber } from '../../common/format/format';
import { currentLanguage } from '../../common/i18n/i18n';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { CommunePicker } from '../../common/places/CommunePicker';
import { useSession } from '../../common/session/session';
import { boundaryAreaHa } from './geometry';
import { LocationField, type SiteLocation } from './LocationField';
import { placeOfCommune } from './place';
import type { GrowingArea } from './site-views';
import './areas.css';

const CROP_CYCLES = ['perennial', 'annual'] as const;
const STANDARDS = ['vietgap', 'globalgap', 'organic', 'basic-gap', 'other'] as const;
/** Bến Tre's usual crops, each with the cycle QĐ 3156 counts it in (which sets the minimum area). */
const CROPS: { key: string; cycle: (typeof CROP_CYCLES)[number] }[] = [
  { key: 'durian', cycle: 'perennial' },
  { key: 'pomelo', cycle: 'perennial' },
  { key: 'coconut', cycle: 'perennial' },
  { key: 'rambutan', cycle: 'perennial' },
  { key: 'mangosteen', cycle: 'perennial' },
  { key: 'longan', cycle: 'perennial' },
  { key: 'cacao', cycle: 'perennial' },
  { key: 'orange', cycle: 'perennial' },
  { key: 'vegetables', cycle: 'annual' },
  { key: 'rice', cycle: 'annual' },
];
/** The service's default tolerance between a declared area and its boundary (BOUNDARY_AREA_TOLERANCE). */
const AREA_TOLERANCE = 0.1;

interface Values {
  name: string;
  communeCode: string;
  crop: string;
  variety: string;
  cropCycle: (typeof CROP_CYCLES)[number];
  areaHa: number;
  standard: (typeof STANDARDS)[number];
  standardDetail?: string;
  expectedYieldTonnesPerYear: number;
  facilityName: string;
  traceabilityNote?: string;
  location?: SiteLocation;
}

/** The service's field paths → this form's names: the place is one commune, the boundary and point one field. */
const FIELD_NAMES: Record<string, string> = {
  'place.communeCode': 'communeCode',
  'place.provinceCode': 'communeCode',
  'place.districtCode': 'communeCode',
  boundary: 'location',
  'boundary.type': 'location',
  'boundary.coordinates': 'location',
  location: 'location',
  'location.type': 'location',
  'location.coordinates': 'location',
};

const optional = (text?: string) => text?.trim() || undefined;

/** A producer asks for a growing-area code: what grows, how big, and where (drawn, uploaded or a GPS point). */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('areas.newAreaTitle'));
  const { account } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, FIELD_NAMES);
  const [busy, setBusy] = useState(false);
  const declared = Form.useWatch('areaHa', form);
  const location = Form.useWatch('location', form);
  const measured = location?.boundary ? boundaryAreaHa(location.boundary) : undefined;
  const comma = currentLanguage() === 'vi';

  async function submit(values: Values) {
    clearProblem();
    setBusy(true);
    try {
      const area = (await call(
        api.POST('/api/traceability/growing-areas', {
          body: {
            name: values.name,
            crop: values.crop,
            variety: values.variety,
            cropCycle: values.cropCycle,
            areaHa: values.areaHa,
            standard: values.standard,
            standardDetail: optional(values.standardDetail),
            expectedYieldTonnesPerYear: values.expectedYieldTonnesPerYear,
            facilityName: values.facilityName,
            traceabilityNote: optional(values.traceabilityNote),
            place: await placeOfCommune(values.communeCode),
            ...(values.location?.boundary ? { boundary: values.location.boundary as never } : {}),
            ...(values.location?.point ? { location: values.location.point } : {}),
          },
        }),
      )) as GrowingArea;
      await queryClient.invalidateQueries({ queryKey: ['traceability', 'growing-areas'] });
      navigate(`/vung-trong/${area.growingAreaId}`);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  const cropOptions = CROPS.map((c) => ({ value: t(`areas.crops.${c.key}`), cycle: c.cycle }));

  return (
    <>
      <h1>{t('areas.newAreaTitle')}</h1>
      <p>{t('areas.newAreaIntro')}</p>
      {!account?.producerId && <Alert type="warning" showIcon title={t('areas.noProducer')} />}
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ cropCycle: 'perennial', standard: 'vietgap' }}
        scrollToFirstError={{ focus: true }}
        className="areas-form"
      >
        <Form.Item
          name="name"
          label={t('areas.field.name')}
          extra={t('areas.help.name')}
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
        <Form.Item
          name="crop"
          label={t('areas.field.crop')}
          extra={t('areas.help.crop')}
          rules={[{ required: true, whitespace: true, message: t('areas.required.crop') }, { max: 100 }]}
        >
          <AutoComplete
            options={cropOptions}
            showSearch={{
              filterOption: (input, option) =>
                (option?.value ?? '').toLocaleLowerCase().includes(input.toLocaleLowerCase()),
            }}
            onSelect={(_value, option) => form.setFieldValue('cropCycle', option.cycle)}
          />
        </Form.Item>
        <Form.Item
          name="variety"
          label={t('areas.field.variety')}
          rules={[{ required: true, whitespace: true, message: t('areas.required.variety') }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="cropCycle" label={t('areas.field.cropCycle')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={CROP_CYCLES.map((c) => ({ value: c, label: t(`areas.cropCycle.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="areaHa"
          label={t('areas.field.areaHa')}
          extra={t('areas.help.areaHa')}
          rules={[{ required: true, message: t('areas.required.areaHa') }]}
        >
          <InputNumber
            min={0}
            step={0.1}
            decimalSeparator={comma ? ',' : '.'}
            inputMode="decimal"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="standard" label={t('areas.field.standard')} rules={[{ required: true }]}>
          <Select options={STANDARDS.map((s) => ({ value: s, label: t(`areas.standard.${s}`) }))} />
        </Form.Item>
        <Form.Item
          name="standardDetail"
          label={t('areas.field.standardDetail')}
          extra={t('areas.help.standardDetail')}
          rules={[{ max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="expectedYieldTonnesPerYear"
          label={t('areas.field.expectedYield')}
          rules={[{ required: true, message: t('areas.required.expectedYield') }]}
        >
          <InputNumber
            min={0}
            decimalSeparator={comma ? ',' : '.'}
            inputMode="decimal"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="facilityName"
          label={t('areas.field.facilityName')}
          extra={t('areas.help.facilityName')}
          rules={[
            { required: true, whitespace: true, message: t('areas.required.facilityName') },
            { max: 200 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="traceabilityNote"
          label={t('areas.field.traceabilityNote')}
          extra={t('areas.help.traceabilityNote')}
          rules={[{ max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('areas.field.location')}
          extra={t('areas.help.location')}
          rules={[
            {
              validator: (_rule, value?: SiteLocation) =>
                value?.boundary || value?.point
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('areas.required.location'))),
            },
          ]}
        >
          <LocationField kind="growing-area" />
        </Form.Item>
        {measured !== undefined && typeof declared === 'number' && declared > 0 && (
          <Alert
            className="form-alert"
            type={Math.abs(measured - declared) / declared > AREA_TOLERANCE ? 'warning' : 'info'}
            showIcon
            title={t('areas.chosen.declaredVsMeasured', {
              declared: formatNumber(declared),
              measured: formatNumber(Math.round(measured * 100) / 100),
            })}
            description={
              Math.abs(measured - declared) / declared > AREA_TOLERANCE
                ? t('areas.chosen.gapWarning')
                : undefined
            }
          />
        )}
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
          <Button size="large" onClick={() => navigate('/vung-trong')}>
            {t('areas.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
