import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchStatus } from './batch-data';

// Dark enough for white text (WCAG AA contrast), and not told by colour alone: the tag says the status in words.
const COLOURS: Record<BatchStatus, string> = {
  open: '#595959',
  released: '#1f6f43',
  recalled: '#a8071a',
  expired: '#ad4e00',
};

export function StatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`batches.status.${status}`)}</Tag>;
}
