import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useInboxStream, useUnreadCount } from '../notifications/useUnreadCount';
import { useSession } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor } from './navigation';
import { Spinner } from './Spinner';
import { useWideScreen } from './useWideScreen';

const MenuDrawer = lazy(() => import('./MenuDrawer'));

/**
 * The frame of every signed-in page: a skip link, the header (name, language, sign out), the area's menu (a side
 * menu on a desktop, a drawer on a phone) and the page as the main landmark.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { account, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const wide = useWideScreen();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so that it can close (and give focus back) like any drawer.
  const [drawerUsed, setDrawerUsed] = useState(false);
  useInboxStream(!!account);
  const unread = useUnreadCount() ?? 0;

  const items = navigationFor(account);
  const selected = items
    .filter((i) => location.pathname === i.path || location.pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  // A plain list of links (antd's Menu brought ~20 KB of compressed script to every page for a few links).
  const menu = (
    <ul className="app-nav">
      {items.map((i) => (
        <li key={i.path}>
          <Link
            to={i.path}
            aria-current={i.path === selected ? 'page' : undefined}
            onClick={() => setDrawerOpen(false)}
          >
            <span aria-hidden="true">{i.icon}</span> {t(i.label)}
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <div className="app-layout">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="app-header">
        {!wide && (
          <Button
            type="text"
            className="menu-button"
            icon={<MenuOutlined aria-hidden="true" />}
            aria-label={t('layout.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => {
              setDrawerUsed(true);
              setDrawerOpen(true);
            }}
          />
        )}
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="header-tools">
          <LanguageSwitch />
          <Link
            to="/thong-bao"
            className="header-bell"
            aria-label={t('layout.notifications', { count: unread })}
          >
            <BellOutlined aria-hidden="true" />
            {unread > 0 && (
              <span className="bell-count" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </Link>
          {wide && account && <span className="who">{account.displayName}</span>}
          <Button
            type="text"
            icon={<LogoutOutlined aria-hidden="true" />}
            onClick={async () => {
              await signOut();
              navigate('/dang-nhap', { replace: true });
            }}
          >
            {wide ? t('layout.signOut') : <span className="visually-hidden">{t('layout.signOut')}</span>}
          </Button>
        </div>
      </header>
      <div className="app-body">
        {wide ? (
          <aside className="app-sider">
            <nav aria-label={t('layout.menu')}>{menu}</nav>
          </aside>
        ) : (
          drawerUsed && (
            <Suspense fallback={null}>
              <MenuDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('layout.menu')}>
                <nav aria-label={t('layout.menu')}>{menu}</nav>
              </MenuDrawer>
            </Suspense>
          )
        )}
        <div className="app-content">
          <main id="main" tabIndex={-1} className="app-main">
            <Suspense fallback={<Spinner />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </div>
    </div>
  );
}
