import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { useProblemForm } from '../../common/forms/useProblemForm';
import type { Batch } from './batch-data';

interface Props {
  batch: Batch;
  open: boolean;
  onClose(): void;
  onRecalled(batch: Batch): void;
}

/**
 * Recalling asks for a reason and says first what a recall does: it cannot be undone, and every label already in
 * shops tells the shopper, with that reason.
 */
export function RecallDialog({ batch, open, onClose, onRecalled }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);

  async function recall({ reason }: { reason: string }) {
    clearProblem();
    setBusy(true);
    try {
      const updated = (await call(
        api.POST('/api/traceability/batches/{batchId}/recall', {
          params: { path: { batchId: batch.batchId } },
          body: { reason: reason.trim() },
        }),
      )) as Batch;
      form.resetFields();
      onRecalled(updated);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('batches.recall.title', { lot: batch.lot })}
      okText={t('batches.recall.submit')}
      cancelText={t('batches.recall.cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('batches.recall.what')}</p>
      {formProblem && <Alert type="error" showIcon role="alert" title={formProblem} className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={recall}>
        <Form.Item
          name="reason"
          label={t('batches.recall.reason')}
          extra={t('batches.recall.reasonHelp')}
          rules={[{ required: true, whitespace: true, min: 3, message: t('batches.recall.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
