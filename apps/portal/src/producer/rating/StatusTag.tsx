import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierStatus } from './rating-views';

// Solid colours with white text: antd's pale presets fall below 4.5:1 contrast for small text.
const COLOURS: Record<DossierStatus, string> = {
  draft: '#595959',
  submitted: '#0958d9',
  returned: '#ad4e00',
  accepted: '#1f6f43',
  scored: '#1f6f43',
  decided: '#135200',
  proposed: '#1f6f43',
  rejected: '#a8071a',
  withdrawn: '#595959',
};

export function StatusTag({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`rating.status.${status}`)}</Tag>;
}
