import { Navigate } from 'react-router';
import { useSession } from '../common/session/session';

/** Each kind of user lands on their own home; those whose area is not built yet land on the account page. */
export function HomeRedirect() {
  const { account } = useSession();
  if (account?.roles.includes('producer')) return <Navigate to="/co-so" replace />;
  // An admin's own area is not built yet (issue 18): admins land on their account, with the officers' pages in the menu.
  if (account?.roles.includes('officer')) return <Navigate to="/can-bo" replace />;
  if (account?.roles.includes('council')) return <Navigate to="/hoi-dong" replace />;
  if (account?.roles.includes('retailer')) return <Navigate to="/kiem-tra-ma" replace />;
  return <Navigate to="/tai-khoan" replace />;
}
