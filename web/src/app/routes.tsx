import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../shared/session/session.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

const LoginPage = lazy(() => import('../features/auth/login-page.tsx'));
const RegistrationPage = lazy(() => import('../features/registration/registration-page.tsx'));
const PharmacyRegistrationPage = lazy(() => import('../features/registration/pharmacy-registration-page.tsx'));
const CheckinPage = lazy(() => import('../features/venues/checkin-page.tsx'));
const MyStatusPage = lazy(() => import('../features/venues/my-status-page.tsx'));
const VenuesPage = lazy(() => import('../features/venues/venues-page.tsx'));
const VenueScanPage = lazy(() => import('../features/venues/venue-scan-page.tsx'));
const ArrivalsPage = lazy(() => import('../features/arrivals/arrivals-page.tsx'));
const DeclarationPage = lazy(() => import('../features/arrivals/declaration-page.tsx'));
const OverviewPage = lazy(() => import('../features/overview/overview-page.tsx'));
// The people register with the contacts panel in its drawer: composed in app/.
const PeoplePage = lazy(() => import('./people-route.tsx'));
const CasesPage = lazy(() => import('../features/cases/cases-page.tsx'));
// The case page with the tracing tabs, the cluster page with its chain: composed in app/.
const CaseDetailPage = lazy(() => import('./case-detail-route.tsx'));
const ClustersPage = lazy(() => import('../features/clusters/clusters-page.tsx'));
const ClusterDetailPage = lazy(() => import('./cluster-detail-route.tsx'));
const QuarantinePage = lazy(() => import('../features/quarantine/quarantine-page.tsx'));
const TreatmentPage = lazy(() => import('../features/treatment/treatment-page.tsx'));
const TestingPage = lazy(() => import('../features/testing/testing-page.tsx'));
const RoundDetailPage = lazy(() => import('../features/testing/round-detail-page.tsx'));
const SamplingPage = lazy(() => import('../features/testing/sampling-page.tsx'));
const ZonesPage = lazy(() => import('../features/zones/zones-page.tsx'));
const LevelsPage = lazy(() => import('../features/levels/levels-page.tsx'));
const EnterpriseRiskPage = lazy(() => import('../features/enterprise-risk/enterprise-risk-page.tsx'));
const EnterprisesPage = lazy(() => import('../features/enterprises/enterprises-page.tsx'));
const EnterpriseDetailPage = lazy(() => import('../features/enterprises/enterprise-detail-page.tsx'));
const BoardingHousesPage = lazy(() => import('../features/boarding-houses/boarding-houses-page.tsx'));
const BoardingHouseDetailPage = lazy(() => import('../features/boarding-houses/house-detail-page.tsx'));
const BoardingHouseOwnerPage = lazy(() => import('../features/boarding-houses/owner-page.tsx'));
const ReportsPage = lazy(() => import('../features/reports/reports-page.tsx'));
const DirectivesPage = lazy(() => import('../features/directives/directives-page.tsx'));
const MeetingDetailPage = lazy(() => import('../features/directives/meeting-detail-page.tsx'));
const TaskDetailPage = lazy(() => import('../features/directives/task-detail-page.tsx'));
const SituationMapPage = lazy(() => import('../features/situation-map/situation-map-page.tsx'));
const TracingRunsPage = lazy(() => import('../features/tracing/tracing-runs-page.tsx'));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx'));
const UsersPage = lazy(() => import('../features/users/users-page.tsx'));
const SupportPage = lazy(() => import('../features/support/support-page.tsx'));
const SuppliesPage = lazy(() => import('../features/supplies/supplies-page.tsx'));
const CommunityPage = lazy(() => import('../features/community/community-page.tsx'));
const ToCovidPage = lazy(() => import('../features/community/to-covid-page.tsx'));
const PharmacySalesPage = lazy(() => import('../features/community/pharmacy-sales-page.tsx'));
const VaccinationPage = lazy(() => import('../features/vaccination/vaccination-page.tsx'));
const VaccinationSessionPage = lazy(() => import('../features/vaccination/session-page.tsx'));
const DoseRecordPage = lazy(() => import('../features/vaccination/dose-record-page.tsx'));

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
      {/* Public: a testing unit asks to take part, without an account. */}
      <Route path="/dang-ky-don-vi" element={<Lazy><RegistrationPage /></Lazy>} />
      {/* Public: a pharmacy asks to take part (district health approves). */}
      <Route path="/dang-ky-nha-thuoc" element={<Lazy><PharmacyRegistrationPage /></Lazy>} />
      {/* Public: QR check-in from a venue's poster, and a person's own status colour and QR code. */}
      <Route path="/c/:code" element={<Lazy><CheckinPage /></Lazy>} />
      <Route path="/ca-nhan" element={<Lazy><MyStatusPage /></Lazy>} />
      {/* Public: the health declaration (phone-sized). */}
      <Route path="/khai-bao-y-te" element={<Lazy><DeclarationPage /></Lazy>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<Lazy><OverviewPage /></Lazy>} />
        <Route path="people" element={<Lazy><PeoplePage /></Lazy>} />
        <Route path="cases" element={<Lazy><CasesPage /></Lazy>} />
        <Route path="cases/:id" element={<Lazy><CaseDetailPage /></Lazy>} />
        <Route path="tracing" element={<Lazy><TracingRunsPage /></Lazy>} />
        <Route path="clusters" element={<Lazy><ClustersPage /></Lazy>} />
        <Route path="clusters/:id" element={<Lazy><ClusterDetailPage /></Lazy>} />
        <Route path="quarantine" element={<Lazy><QuarantinePage /></Lazy>} />
        <Route path="treatment" element={<Lazy><TreatmentPage /></Lazy>} />
        <Route path="testing" element={<Lazy><TestingPage /></Lazy>} />
        <Route path="testing/rounds/:id" element={<Lazy><RoundDetailPage /></Lazy>} />
        <Route path="testing/rounds/:id/sample" element={<Lazy><SamplingPage /></Lazy>} />
        <Route path="zones" element={<Lazy><ZonesPage /></Lazy>} />
        <Route path="levels" element={<Lazy><LevelsPage /></Lazy>} />
        <Route path="enterprise-risk" element={<Lazy><EnterpriseRiskPage /></Lazy>} />
        <Route path="enterprises" element={<Lazy><EnterprisesPage /></Lazy>} />
        <Route path="enterprises/:id" element={<Lazy><EnterpriseDetailPage /></Lazy>} />
        <Route path="boarding-houses" element={<Lazy><BoardingHousesPage /></Lazy>} />
        <Route path="boarding-houses/:id" element={<Lazy><BoardingHouseDetailPage /></Lazy>} />
        <Route path="nha-tro" element={<Lazy><BoardingHouseOwnerPage /></Lazy>} />
        <Route path="reports" element={<Lazy><ReportsPage /></Lazy>} />
        <Route path="directives" element={<Lazy><DirectivesPage /></Lazy>} />
        <Route path="directives/meetings/:id" element={<Lazy><MeetingDetailPage /></Lazy>} />
        <Route path="directives/tasks/:id" element={<Lazy><TaskDetailPage /></Lazy>} />
        <Route path="map" element={<Lazy><SituationMapPage /></Lazy>} />
        <Route path="users" element={<Lazy><UsersPage /></Lazy>} />
        <Route path="support" element={<Lazy><SupportPage /></Lazy>} />
        <Route path="supplies" element={<Lazy><SuppliesPage /></Lazy>} />
        <Route path="community" element={<Lazy><CommunityPage /></Lazy>} />
        <Route path="community/:tab" element={<Lazy><CommunityPage /></Lazy>} />
        <Route path="to-covid" element={<Lazy><ToCovidPage /></Lazy>} />
        <Route path="nha-thuoc" element={<Lazy><PharmacySalesPage /></Lazy>} />
        <Route path="vaccination" element={<Lazy><VaccinationPage /></Lazy>} />
        <Route path="vaccination/:tab" element={<Lazy><VaccinationPage /></Lazy>} />
        <Route path="vaccination/sessions/:id" element={<Lazy><VaccinationSessionPage /></Lazy>} />
        <Route path="ghi-mui-tiem" element={<Lazy><DoseRecordPage /></Lazy>} />
        <Route path="audit" element={<Lazy><AuditPage /></Lazy>} />
        <Route path="venues" element={<Lazy><VenuesPage /></Lazy>} />
        <Route path="venues/scan" element={<Lazy><VenueScanPage /></Lazy>} />
        <Route path="arrivals" element={<Lazy><ArrivalsPage /></Lazy>} />
        <Route path="arrivals/:tab" element={<Lazy><ArrivalsPage /></Lazy>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
