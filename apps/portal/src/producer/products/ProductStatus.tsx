import { Alert, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { type Product, type ProductStatus as Status, useProductChanged } from './product-api';
import { productProblemMessage } from './product-problems';

// Colours dark enough for text on their tint (WCAG AA).
const STATUS_COLOURS: Record<Status, string> = {
  draft: 'default',
  active: '#1f6f43',
  discontinued: '#8c2a1c',
};

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`products.status.${status}`)}</Tag>;
}

type Action = 'activate' | 'discontinue';

/**
 * Puts a product on sale or takes it off, each after a confirmation that says what it changes: only a product on
 * sale gets batches and labels, and labels already printed stay checkable either way.
 */
export function ProductStatusActions({ product }: { product: Product }) {
  const { t } = useTranslation();
  const changed = useProductChanged();
  const [asking, setAsking] = useState<Action>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();

  function ask(action: Action) {
    setNotice(undefined);
    setProblem(undefined);
    setAsking(action);
  }

  async function confirm() {
    if (!asking) return;
    setBusy(true);
    setProblem(undefined);
    const productId = product.productId;
    try {
      const updated =
        asking === 'activate'
          ? await call(
              api.POST('/api/catalogue/products/{productId}/activate', { params: { path: { productId } } }),
            )
          : await call(
              api.POST('/api/catalogue/products/{productId}/discontinue', {
                params: { path: { productId } },
                body: { reason: reason.trim() || undefined },
              }),
            );
      changed(updated as unknown as Product);
      setNotice(t(asking === 'activate' ? 'products.actions.activated' : 'products.actions.discontinued'));
      setAsking(undefined);
      setReason('');
    } catch (err) {
      setProblem(productProblemMessage(t, err));
      setAsking(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="product-status-title" className="panel product-section">
      <h2 id="product-status-title">{t('products.statusTitle')}</h2>
      <p>
        <StatusTag status={product.status} /> {t(`products.statusHelp.${product.status}`)}
      </p>
      <p role="status" className="product-notice">
        {notice}
      </p>
      {problem && <Alert type="error" showIcon title={problem} role="alert" className="form-alert" />}
      <Space wrap>
        {product.status !== 'active' && (
          <Button type="primary" onClick={() => ask('activate')}>
            {t('products.actions.activate')}
          </Button>
        )}
        {product.status !== 'discontinued' && (
          <Button danger onClick={() => ask('discontinue')}>
            {t('products.actions.discontinue')}
          </Button>
        )}
      </Space>
      <Modal
        open={!!asking}
        title={asking && t(`products.actions.${asking}Title`)}
        okText={asking && t(`products.actions.${asking}`)}
        okButtonProps={{ danger: asking === 'discontinue', loading: busy }}
        cancelText={t('common.cancel')}
        onOk={confirm}
        onCancel={() => setAsking(undefined)}
      >
        <p>{asking && t(`products.actions.${asking}Detail`)}</p>
        {asking === 'discontinue' && (
          <Form layout="vertical">
            <Form.Item
              label={t('products.actions.reason')}
              extra={t('products.actions.reasonHelp')}
              htmlFor="discontinue-reason"
            >
              <Input.TextArea
                id="discontinue-reason"
                value={reason}
                maxLength={500}
                autoSize={{ minRows: 2, maxRows: 4 }}
                onChange={(e) => setReason(e.target.value)}
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </section>
  );
}
