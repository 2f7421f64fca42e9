import { Alert, Button, Form, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatNumber } from '../../common/format/format';
import { MAX_QUANTITY, quantityProblem } from './label-run';
import { TemplatePicture } from './TemplatePicture';
import {
  DEFAULT_TEMPLATE,
  FORMATS,
  sheetsFor,
  TEMPLATES,
  templateOf,
  type LabelFormat,
  type LabelTemplate,
  type TemplateId,
} from './templates';

export interface LabelFormValues {
  quantity: number;
  layout: TemplateId;
  format: LabelFormat;
}

/** The service names the units' count and the job's range; on this form both are the quantity. */
const SERVICE_FIELDS = { count: 'quantity', fromSeq: 'quantity', toSeq: 'quantity' };

/** A template by name, as a person recognises it on the box: sheet or roll, label count, label size. */
export function useTemplateName() {
  const { t } = useTranslation();
  return (template: LabelTemplate) =>
    t(`labels.template.${template.kind}`, {
      count: template.columns * template.rows,
      width: formatNumber(template.labelWidthMm),
      height: formatNumber(template.labelHeightMm),
    });
}

/**
 * How many new labels, on which template, in which file. Checks what it can before sending; what the service
 * refuses comes back under the field it concerns (a quantity over the deployment's limit), or above the form.
 */
export function LabelForm({
  onSubmit,
  onTemplateChange,
  describeProblem,
}: {
  onSubmit: (values: LabelFormValues) => Promise<void>;
  onTemplateChange?: (template: LabelTemplate) => void;
  /** Words for a problem of no field, where the page knows better ones than the portal's shared words. */
  describeProblem?: (problem: unknown) => string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LabelFormValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, SERVICE_FIELDS);
  const [busy, setBusy] = useState(false);
  const [lastProblem, setLastProblem] = useState<unknown>();
  const quantity = Form.useWatch('quantity', form);
  const layout = Form.useWatch('layout', form) ?? DEFAULT_TEMPLATE;
  const template = templateOf(layout) ?? TEMPLATES[0];
  const templateName = useTemplateName();
  const valid = quantityProblem(quantity) === undefined;
  const sheets = valid ? sheetsFor(Number(quantity), template) : undefined;

  async function submit(values: LabelFormValues) {
    clearProblem();
    setBusy(true);
    try {
      await onSubmit(values);
      // Sending the same number again would make that many more labels: the field starts empty for the next run.
      form.resetFields(['quantity']);
    } catch (problem) {
      setLastProblem(problem);
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {formProblem && (
        <Alert
          type="error"
          showIcon
          title={describeProblem ? describeProblem(lastProblem) : formProblem}
          role="alert"
          className="form-alert"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ layout: DEFAULT_TEMPLATE, format: 'pdf' }}
        onValuesChange={(changed: Partial<LabelFormValues>) => {
          const next = templateOf(changed.layout);
          if (next) onTemplateChange?.(next);
        }}
        scrollToFirstError={{ focus: true }}
      >
        <Form.Item
          name="quantity"
          label={t('labels.form.quantity')}
          extra={t('labels.form.quantityHelp')}
          rules={[
            {
              validator: (_rule, value: unknown) => {
                const problem = quantityProblem(value);
                return problem
                  ? Promise.reject(
                      new Error(
                        t(`labels.form.quantityProblem.${problem}`, { max: formatNumber(MAX_QUANTITY) }),
                      ),
                    )
                  : Promise.resolve();
              },
            },
          ]}
        >
          <InputNumber inputMode="numeric" min={1} precision={0} className="label-quantity" />
        </Form.Item>

        <Form.Item name="layout" label={t('labels.form.template')} extra={t('labels.form.templateHelp')}>
          <Radio.Group className="template-options">
            {TEMPLATES.map((option) => (
              <Radio key={option.id} value={option.id} className="template-option">
                <span className="template-option-body">
                  <TemplatePicture template={option} />
                  <span>
                    <span className="template-option-name">{templateName(option)}</span>{' '}
                    <span className="template-option-detail">
                      {option.kind === 'sheet'
                        ? t('labels.template.grid', { columns: option.columns, rows: option.rows })
                        : t('labels.template.rollDetail')}
                    </span>
                  </span>
                </span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>

        <Form.Item name="format" label={t('labels.form.format')}>
          <Radio.Group className="format-options">
            {FORMATS.map((f) => (
              <Radio key={f} value={f}>
                <span className="template-option-name">{t(`labels.format.${f}.short`)}</span>{' '}
                <span className="template-option-detail">{t(`labels.format.${f}.use`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>

        <p className="label-summary" aria-live="polite">
          {sheets
            ? t(template.kind === 'sheet' ? 'labels.form.sheets' : 'labels.form.rollLabels', {
                count: sheets.sheets,
                quantity: formatNumber(Number(quantity)),
                sheets: formatNumber(sheets.sheets),
                onLast: formatNumber(sheets.onLast),
              }) +
              (template.kind === 'sheet' && sheets.onLast < template.columns * template.rows
                ? ` ${t('labels.form.lastSheet', { onLast: formatNumber(sheets.onLast) })}`
                : '')
            : t('labels.form.noQuantity')}
        </p>
        <Button type="primary" htmlType="submit" loading={busy}>
          {valid
            ? t('labels.form.submitCount', { count: Number(quantity), total: formatNumber(Number(quantity)) })
            : t('labels.form.submit')}
        </Button>
      </Form>
    </>
  );
}
