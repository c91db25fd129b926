import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../shared/session/session.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

const LoginPage = lazy(() => import('../features/auth/login-page.tsx'));
const OverviewPage = lazy(() => import('../features/overview/overview-page.tsx'));
const PeoplePage = lazy(() => import('../features/people/people-page.tsx'));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx'));
const UsersPage = lazy(() => import('../features/users/users-page.tsx'));

export function PageSpinner() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

/** Pages behind the login: an anonymous visitor goes to /login and comes back afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Lazy><LoginPage /></Lazy>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<Lazy><OverviewPage /></Lazy>} />
        <Route path="people" element={<Lazy><PeoplePage /></Lazy>} />
        <Route path="users" element={<Lazy><UsersPage /></Lazy>} />
        <Route path="audit" element={<Lazy><AuditPage /></Lazy>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
