import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/auth';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { paths, portalPath } from './paths';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Lets a signed-in user of `role` through. No session → login (remembering where
 * they wanted to go); another role's portal → their own portal. The API enforces
 * the same on every route; this only keeps people from landing on empty pages.
 */
export function RequireRole({ role, children }: { role: UserRole; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'bootstrapping') return <FullPageSpin />;
  if (!session.user) return <Navigate to={paths.login} replace state={{ from: location.pathname }} />;
  if (session.user.role !== role) return <Navigate to={portalPath(session.user.role)} replace />;
  return <>{children}</>;
}

/** `/` and unknown top-level paths: the user's own portal, or login. */
export function HomeRedirect() {
  const session = useSession();
  if (session.status === 'bootstrapping') return <FullPageSpin />;
  return <Navigate to={session.user ? portalPath(session.user.role) : paths.login} replace />;
}
