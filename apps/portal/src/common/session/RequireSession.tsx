import { Navigate, Outlet, useLocation } from 'react-router';
import { Spinner } from '../layout/Spinner';
import { useSession } from './session';

/** Pages behind sign-in: the sign-in page first, then back to where the person was going. */
export function RequireSession() {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) return <Spinner />;
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/dang-nhap${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  // An account the administrator created must choose its own password before anything else.
  if (session.passwordChangeRequired && location.pathname !== '/tai-khoan')
    return <Navigate to="/tai-khoan" replace />;
  return <Outlet />;
}
