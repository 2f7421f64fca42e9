import { Navigate } from 'react-router';
import { useSession } from '../common/session/session';

/** Each kind of user lands on their own home; anyone else (an account without a role's area) on the account page. */
export function HomeRedirect() {
  const { account } = useSession();
  if (account?.roles.includes('producer')) return <Navigate to="/co-so" replace />;
  if (account?.roles.includes('officer')) return <Navigate to="/can-bo" replace />;
  if (account?.roles.includes('council')) return <Navigate to="/hoi-dong" replace />;
  if (account?.roles.includes('retailer')) return <Navigate to="/kiem-tra-ma" replace />;
  if (account?.roles.includes('admin')) return <Navigate to="/quan-tri" replace />;
  return <Navigate to="/tai-khoan" replace />;
}
