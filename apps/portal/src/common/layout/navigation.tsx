import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CloudServerOutlined,
  ContainerOutlined,
  FormOutlined,
  HistoryOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  KeyOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ShopOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Account } from '../api/types';

export interface NavItem {
  path: string;
  /** i18n key of the label. */
  label: string;
  icon: ReactNode;
}

/** Each kind of user's menu; an area appears here when its pages exist. */
export function navigationFor(account: Account | undefined): NavItem[] {
  const roles = account?.roles ?? [];
  const items: NavItem[] = [];
  if (roles.includes('producer')) {
    items.push({ path: '/co-so', label: 'nav.producerHome', icon: <HomeOutlined /> });
    items.push({ path: '/san-pham', label: 'nav.products', icon: <ShopOutlined /> });
    items.push({ path: '/vung-trong', label: 'nav.areas', icon: <EnvironmentOutlined /> });
    items.push({ path: '/lo-hang', label: 'nav.batches', icon: <ContainerOutlined /> });
    items.push({ path: '/ho-so', label: 'nav.rating', icon: <StarOutlined /> });
  }
  if (roles.includes('officer') || roles.includes('admin')) {
    items.push({ path: '/can-bo', label: 'nav.officerQueues', icon: <AuditOutlined /> });
    items.push({ path: '/can-bo/dot-danh-gia', label: 'nav.rounds', icon: <TrophyOutlined /> });
    items.push({ path: '/can-bo/chi-tieu', label: 'nav.goals', icon: <BarChartOutlined /> });
  }
  if (roles.includes('council')) {
    items.push({ path: '/hoi-dong', label: 'nav.council', icon: <FormOutlined /> });
  }
  if (roles.includes('retailer')) {
    items.push({ path: '/kiem-tra-ma', label: 'nav.verify', icon: <ScanOutlined /> });
    items.push({ path: '/kiem-tra-ma/khoa-api', label: 'nav.retailKeys', icon: <KeyOutlined /> });
    items.push({ path: '/kiem-tra-ma/webhook', label: 'nav.webhooks', icon: <ApiOutlined /> });
  }
  if (roles.includes('admin')) {
    items.push({ path: '/quan-tri', label: 'nav.system', icon: <CloudServerOutlined /> });
    items.push({ path: '/quan-tri/tai-khoan', label: 'nav.accounts', icon: <TeamOutlined /> });
    items.push({ path: '/quan-tri/nhat-ky', label: 'nav.audit', icon: <HistoryOutlined /> });
    items.push({ path: '/quan-tri/bo-tieu-chi', label: 'nav.rubrics', icon: <OrderedListOutlined /> });
    items.push({
      path: '/quan-tri/khoa-ky-tem',
      label: 'nav.labelKeys',
      icon: <SafetyCertificateOutlined />,
    });
  }
  items.push({ path: '/thong-bao', label: 'nav.notifications', icon: <BellOutlined /> });
  items.push({ path: '/tai-khoan', label: 'nav.account', icon: <UserOutlined /> });
  return items;
}
