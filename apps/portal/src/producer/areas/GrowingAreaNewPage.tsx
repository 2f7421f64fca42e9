import { useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { formatNumber } from '../../common/format/format';
import { currentLanguage } from '../../common/i18n/i18n';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { boundaryAreaHa } from './geometry';
import { LocationField, type SiteLocation } from './LocationField';
import type { SitePlace } from './place';
import type { GrowingArea } from './site-views';
import { SiteRequestForm, type SiteRequestValues } from './SiteRequestForm';
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

interface Values extends SiteRequestValues {
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

const optional = (text?: string) => text?.trim() || undefined;

/** A producer asks for a growing-area code: what grows, how big, and where (drawn, uploaded or a GPS point). */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('areas.newAreaTitle'));
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const declared = Form.useWatch('areaHa', form);
  const location = Form.useWatch('location', form);
  const measured = location?.boundary ? boundaryAreaHa(location.boundary) : undefined;
  const comma = currentLanguage() === 'vi';

  async function send(values: Values, place: SitePlace): Promise<string> {
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
          place,
          ...(values.location?.boundary ? { boundary: values.location.boundary as never } : {}),
          ...(values.location?.point ? { location: values.location.point } : {}),
        },
      }),
    )) as GrowingArea;
    await queryClient.invalidateQueries({ queryKey: ['traceability', 'growing-areas'] });
    return `/vung-trong/${area.growingAreaId}`;
  }

  const cropOptions = CROPS.map((c) => ({ value: t(`areas.crops.${c.key}`), cycle: c.cycle }));

  return (
    <SiteRequestForm
      form={form}
      title={t('areas.newAreaTitle')}
      intro={t('areas.newAreaIntro')}
      nameLabel={t('areas.field.name')}
      nameHelp={t('areas.help.name')}
      initialValues={{ cropCycle: 'perennial', standard: 'vietgap' }}
      cancelTo="/vung-trong"
      send={send}
    >
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
    </SiteRequestForm>
  );
}
