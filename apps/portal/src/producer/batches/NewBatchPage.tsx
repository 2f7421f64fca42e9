import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, message as antMessage, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../common/api/client';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { usePageTitle } from '../../common/layout/usePageTitle';
import {
  type Batch,
  batchKeys,
  type GrowingArea,
  type Page,
  type PackingHouse,
  productName,
  QUANTITY_UNITS,
  useMyProducts,
} from './batch-data';
import './batches.css';

interface BatchValues {
  productId: string;
  gtin?: string;
  lot: string;
  quantity: number;
  unit: (typeof QUANTITY_UNITS)[number];
  harvestDate?: string;
  productionDate?: string;
  packingDate?: string;
  expiryDate?: string;
  bestBeforeDate?: string;
  growingAreaIds?: string[];
  packingHouseId?: string;
}

const DATES = ['harvestDate', 'productionDate', 'packingDate', 'expiryDate', 'bestBeforeDate'] as const;

// The service names a growing area by its place in the list it was sent ("growingAreaIds[2]").
const FIELD_NAMES = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`growingAreaIds[${i}]`, 'growingAreaIds']),
);

/** A form that opens a batch: the product by name, sites by name and code, quantity in words, dates as dates. */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('batches.create.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<BatchValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, FIELD_NAMES);
  const [busy, setBusy] = useState(false);

  const products = useMyProducts();
  const onSale = (products.data ?? []).filter((p) => p.status === 'active');
  const areas = useQuery({
    queryKey: ['traceability', 'growing-areas', 'issued'],
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/traceability/growing-areas', { params: { query: { status: 'issued', limit: 100 } } }),
        )) as unknown as Page<GrowingArea>
      ).items,
  });
  const houses = useQuery({
    queryKey: ['traceability', 'packing-houses', 'issued'],
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/traceability/packing-houses', {
            params: { query: { status: 'issued', limit: 100 } },
          }),
        )) as unknown as Page<PackingHouse>
      ).items,
  });

  const chosenId = Form.useWatch('productId', form);
  const gtins = onSale.find((p) => p.productId === chosenId)?.gtins ?? [];

  async function create(values: BatchValues) {
    clearProblem();
    setBusy(true);
    try {
      const body = {
        productId: values.productId,
        ...(gtins.length > 1 && values.gtin ? { gtin: values.gtin } : {}),
        lot: values.lot.trim(),
        quantity: values.quantity,
        unit: values.unit,
        ...Object.fromEntries(DATES.filter((d) => values[d]).map((d) => [d, values[d]])),
        ...(values.growingAreaIds?.length ? { growingAreaIds: values.growingAreaIds } : {}),
        ...(values.packingHouseId ? { packingHouseId: values.packingHouseId } : {}),
      };
      const batch = (await call(api.POST('/api/traceability/batches', { body }))) as Batch;
      await queryClient.invalidateQueries({ queryKey: batchKeys.all });
      void message.success(t('batches.create.created', { lot: batch.lot }));
      navigate(`/lo-hang/${batch.batchId}`);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {messageHolder}
      <p>
        <Link to="/lo-hang">{t('batches.create.back')}</Link>
      </p>
      <h1>{t('batches.create.title')}</h1>
      <Card className="batches-form">
        {formProblem && (
          <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
        )}
        {products.data && !onSale.length && (
          <Alert type="warning" showIcon title={t('batches.create.noProducts')} className="form-alert" />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ unit: 'KGM', growingAreaIds: [] }}
          requiredMark="optional"
        >
          <Form.Item
            name="productId"
            label={t('batches.create.product')}
            extra={t('batches.create.productHelp')}
            rules={[{ required: true, message: t('batches.create.productRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={products.isPending}
              options={onSale.map((p) => ({ value: p.productId, label: productName(p, i18n.language) }))}
            />
          </Form.Item>
          {gtins.length > 1 && (
            <Form.Item
              name="gtin"
              label={t('batches.create.gtin')}
              rules={[{ required: true, message: t('batches.create.gtinRequired') }]}
            >
              <Select options={gtins.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          )}
          <Form.Item
            name="lot"
            label={t('batches.create.lot')}
            extra={t('batches.create.lotHelp')}
            rules={[{ required: true, whitespace: true, message: t('batches.create.lotRequired') }]}
          >
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <div className="batches-row">
            <Form.Item
              name="quantity"
              label={t('batches.create.quantity')}
              rules={[
                { required: true, type: 'number', min: 0.001, message: t('batches.create.quantityRequired') },
              ]}
            >
              <InputNumber min={0} step={1} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unit" label={t('batches.create.unit')}>
              <Select options={QUANTITY_UNITS.map((u) => ({ value: u, label: t(`batches.units.${u}`) }))} />
            </Form.Item>
          </div>
          <p>{t('batches.create.datesHelp')}</p>
          <div className="batches-row">
            {DATES.map((d) => (
              <Form.Item key={d} name={d} label={t(`batches.create.${d}`)}>
                <Input type="date" />
              </Form.Item>
            ))}
          </div>
          <Form.Item
            name="growingAreaIds"
            label={t('batches.create.growingAreas')}
            extra={t('batches.create.growingAreasHelp')}
          >
            <Select
              mode="multiple"
              loading={areas.isPending}
              notFoundContent={t('batches.create.noGrowingAreas')}
              optionFilterProp="label"
              options={(areas.data ?? []).map((a) => ({
                value: a.growingAreaId,
                label: `${a.name} (${a.code})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="packingHouseId" label={t('batches.create.packingHouse')}>
            <Select
              allowClear
              loading={houses.isPending}
              placeholder={t('batches.create.none')}
              notFoundContent={t('batches.create.noPackingHouses')}
              options={(houses.data ?? []).map((h) => ({
                value: h.packingHouseId,
                label: `${h.name} (${h.code})`,
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('batches.create.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
