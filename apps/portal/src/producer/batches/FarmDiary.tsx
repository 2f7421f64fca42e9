import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, message as antMessage, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { formatCalendarDate, formatDate } from '../../common/format/format';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { type Batch, batchKeys, QUANTITY_UNITS } from './batch-data';
import {
  DIARY_FIELDS,
  diaryEvent,
  type DiaryKind,
  type DiaryValues,
  DOSE_UNITS,
  nowInVietnam,
  pesticideApplications,
  unsafeBefore,
} from './diary-events';
import type { TraceEvent } from './journey';

const KINDS: DiaryKind[] = ['harvest', 'input', 'packing', 'shipping'];

/** Pesticide applications still in force: a later errorDeclaration withdraws the one it corrects. */
function activeApplications(events: TraceEvent[]) {
  const corrected = new Set(events.filter((e) => e.errorDeclaration).map((e) => e.eventID));
  return pesticideApplications(events.filter((e) => !e.errorDeclaration && !corrected.has(e.eventID)));
}

/**
 * The farm diary: four simple forms (harvest, fertiliser or pesticide, packing, shipping) that each record one
 * traceability event about the batch. A harvest or a shipment inside a pesticide's pre-harvest interval is refused
 * here, under the date, before anything is sent.
 */
export function FarmDiary({ batch, events }: { batch: Batch; events: TraceEvent[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [kind, setKind] = useState<DiaryKind>('harvest');
  const [form] = Form.useForm<DiaryValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, DIARY_FIELDS);
  const [busy, setBusy] = useState(false);
  const defaults = () => ({
    ...nowInVietnam(),
    unit: batch.unit,
    inputKind: 'pesticide',
    doseUnit: 'ml/16l',
  });

  if (batch.status === 'recalled') {
    return (
      <Card title={<h2 className="card-title">{t('batches.diary.title')}</h2>} className="form-alert">
        <p>{t('batches.diary.recalled')}</p>
      </Card>
    );
  }

  const applications = activeApplications(events);
  const checkDate = (_rule: unknown, date?: string) => {
    if (!date) return Promise.resolve();
    if (date > nowInVietnam().date) return Promise.reject(new Error(t('batches.diary.dateInFuture')));
    if (kind !== 'harvest' && kind !== 'shipping') return Promise.resolve();
    const unsafe = unsafeBefore(applications, date);
    return unsafe
      ? Promise.reject(
          new Error(
            t('batches.diary.phiNotOver', {
              name: unsafe.inputName,
              sprayed: formatDate(unsafe.eventTime),
              safeFrom: formatCalendarDate(unsafe.safeFrom),
            }),
          ),
        )
      : Promise.resolve();
  };

  async function record(values: DiaryValues) {
    clearProblem();
    setBusy(true);
    try {
      const event = diaryEvent(kind, batch, values);
      // The operation's body is typed as text in the OpenAPI document (an EPCIS event is open-ended JSON-LD).
      await call(api.POST('/api/traceability/events', { body: event as unknown as string }));
      await queryClient.invalidateQueries({ queryKey: batchKeys.events(batch.batchId) });
      form.resetFields();
      form.setFieldsValue(defaults() as Partial<DiaryValues>);
      void message.success(t('batches.diary.saved'));
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  const withQuantity = kind !== 'input';
  return (
    <Card title={<h2 className="card-title">{t('batches.diary.title')}</h2>} className="form-alert">
      {messageHolder}
      <p>{t('batches.diary.intro')}</p>
      <Radio.Group
        aria-label={t('batches.diary.title')}
        optionType="button"
        buttonStyle="solid"
        className="batches-actions"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as DiaryKind);
          clearProblem();
          form.resetFields();
          form.setFieldsValue(defaults() as Partial<DiaryValues>);
        }}
        options={KINDS.map((k) => ({ value: k, label: t(`batches.diary.kinds.${k}`) }))}
      />
      {formProblem && <Alert type="error" showIcon role="alert" title={formProblem} className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={record}
        initialValues={defaults()}
        className="batches-form"
        requiredMark="optional"
      >
        <div className="batches-row">
          <Form.Item
            name="date"
            label={t('batches.diary.date')}
            rules={[{ required: true, message: t('batches.diary.dateRequired') }, { validator: checkDate }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="time"
            label={t('batches.diary.time')}
            rules={[{ required: true, message: t('batches.diary.timeRequired') }]}
          >
            <Input type="time" />
          </Form.Item>
        </div>
        {kind === 'input' && (
          <>
            <Form.Item name="inputKind" label={t('batches.diary.inputKind')}>
              <Radio.Group
                options={(['pesticide', 'fertiliser'] as const).map((k) => ({
                  value: k,
                  label: t(`batches.diary.inputKinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="inputName"
              label={t('batches.diary.inputName')}
              extra={t('batches.diary.inputNameHelp')}
              rules={[{ required: true, whitespace: true, message: t('batches.diary.inputNameRequired') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <div className="batches-row">
              <Form.Item
                name="dose"
                label={t('batches.diary.dose')}
                rules={[
                  { required: true, type: 'number', min: 0.001, message: t('batches.diary.doseRequired') },
                ]}
              >
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="doseUnit" label={t('batches.diary.doseUnit')}>
                <Select
                  options={DOSE_UNITS.map((u) => ({ value: u, label: t(`batches.diary.doseUnits.${u}`) }))}
                />
              </Form.Item>
            </div>
            <Form.Item
              name="preHarvestDays"
              label={t('batches.diary.preHarvestDays')}
              extra={t('batches.diary.preHarvestDaysHelp')}
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 0,
                  message: t('batches.diary.preHarvestDaysRequired'),
                },
              ]}
            >
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {withQuantity && (
          <div className="batches-row">
            <Form.Item
              name="quantity"
              label={t('batches.diary.quantity')}
              rules={[
                { required: true, type: 'number', min: 0.001, message: t('batches.diary.quantityRequired') },
              ]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unit" label={t('batches.diary.unit')}>
              <Select options={QUANTITY_UNITS.map((u) => ({ value: u, label: t(`batches.units.${u}`) }))} />
            </Form.Item>
          </div>
        )}
        {kind === 'shipping' && (
          <>
            <Form.Item
              name="shipTo"
              label={t('batches.diary.shipTo')}
              extra={t('batches.diary.shipToHelp')}
              rules={[{ required: true, whitespace: true, message: t('batches.diary.shipToRequired') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="destination"
              label={t('batches.diary.destination')}
              rules={[{ required: true, whitespace: true, message: t('batches.diary.destinationRequired') }]}
            >
              <Input maxLength={300} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('batches.diary.save')}
        </Button>
      </Form>
    </Card>
  );
}
