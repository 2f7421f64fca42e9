import { Button, Popconfirm, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../api/types';
import { formatDateTime } from '../format/format';

export type ApiKey = Schema<'identity.ApiKeyView'>;

/**
 * One API key in a list (a retailer's own, or an admin's view of a retailer's): which it is, since when, when it was
 * last used, and its revocation behind a confirmation.
 */
export function ApiKeyItem({
  apiKey,
  onRevoke,
  revoking,
}: {
  apiKey: ApiKey;
  onRevoke: () => void;
  revoking: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <div className="item-head">
        <span>{apiKey.name}</span>
        {apiKey.revokedAt && (
          <Tag color="#a8071a">{t('credentials.revokedAt', { time: formatDateTime(apiKey.revokedAt) })}</Tag>
        )}
      </div>
      <div className="muted">
        {[
          t('credentials.prefix', { prefix: apiKey.prefix }),
          t('credentials.createdAt', { time: formatDateTime(apiKey.createdAt) }),
          apiKey.lastUsedAt
            ? t('credentials.lastUsedAt', { time: formatDateTime(apiKey.lastUsedAt) })
            : t('credentials.neverUsed'),
        ].join(' · ')}
      </div>
      {!apiKey.revokedAt && (
        <div className="actions">
          <Popconfirm
            title={t('credentials.revokeConfirm', { name: apiKey.name })}
            okText={t('credentials.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={onRevoke}
          >
            <Button danger loading={revoking} aria-label={`${t('credentials.revoke')}: ${apiKey.name}`}>
              {t('credentials.revoke')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </li>
  );
}
