import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BorderOuterOutlined,
  CarOutlined,
  ClusterOutlined,
  DollarOutlined,
  InboxOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  QrcodeOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  MenuOutlined,
  NotificationOutlined,
  SafetyOutlined,
  ShopOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, type MenuProps, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { badgeCount, useDirectiveAlerts } from '../features/directives/directive-alerts.ts';
import { useMe, useSession } from '../shared/session/session.tsx';
import { LanguageSwitch } from '../shared/ui/language-switch.tsx';

type MenuKey = 'overview' | 'map' | 'people' | 'cases' | 'clusters' | 'quarantine' | 'treatment' | 'testing' | 'zones' | 'levels' | 'reports' | 'directives' | 'enterpriseRisk' | 'enterprises' | 'venues' | 'venueScan' | 'boardingHouses' | 'myBoardingHouse' | 'arrivals' | 'users' | 'audit' | 'support' | 'supplies' | 'community' | 'toCovid' | 'pharmacySales' | 'vaccination' | 'vaccinationDose';

/** Menu keys the API may send, with the route and icon of each; unknown keys are ignored. */
const MENU: Record<MenuKey, { path: string; icon: ReactNode }> = {
  overview: { path: '/', icon: <DashboardOutlined /> },
  map: { path: '/map', icon: <EnvironmentOutlined /> },
  people: { path: '/people', icon: <TeamOutlined /> },
  cases: { path: '/cases', icon: <MedicineBoxOutlined /> },
  clusters: { path: '/clusters', icon: <ClusterOutlined /> },
  quarantine: { path: '/quarantine', icon: <SafetyOutlined /> },
  treatment: { path: '/treatment', icon: <HeartOutlined /> },
  testing: { path: '/testing', icon: <ExperimentOutlined /> },
  zones: { path: '/zones', icon: <BorderOuterOutlined /> },
  levels: { path: '/levels', icon: <AlertOutlined /> },
  reports: { path: '/reports', icon: <FileTextOutlined /> },
  directives: { path: '/directives', icon: <NotificationOutlined /> },
  enterpriseRisk: { path: '/enterprise-risk', icon: <ShopOutlined /> },
  enterprises: { path: '/enterprises', icon: <BankOutlined /> },
  users: { path: '/users', icon: <UserSwitchOutlined /> },
  audit: { path: '/audit', icon: <AuditOutlined /> },
  support: { path: '/support', icon: <DollarOutlined /> },
  supplies: { path: '/supplies', icon: <InboxOutlined /> },
  venues: { path: '/venues', icon: <QrcodeOutlined /> },
  venueScan: { path: '/venues/scan', icon: <QrcodeOutlined /> },
  boardingHouses: { path: '/boarding-houses', icon: <HomeOutlined /> },
  myBoardingHouse: { path: '/nha-tro', icon: <HomeOutlined /> },
  arrivals: { path: '/arrivals', icon: <CarOutlined /> },
  community: { path: '/community', icon: <TeamOutlined /> },
  toCovid: { path: '/to-covid', icon: <SafetyOutlined /> },
  pharmacySales: { path: '/nha-thuoc', icon: <MedicineBoxOutlined /> },
  vaccination: { path: '/vaccination', icon: <ExperimentOutlined /> },
  vaccinationDose: { path: '/ghi-mui-tiem', icon: <ExperimentOutlined /> },
};

/**
 * A long menu (a province role sees twenty entries) is shown in titled groups, in this order;
 * a short one (a commune team, an enterprise) stays flat.
 */
const GROUPS: Array<{ key: 'situation' | 'cases' | 'care' | 'places' | 'community' | 'resources' | 'admin'; keys: MenuKey[] }> = [
  { key: 'situation', keys: ['overview', 'map', 'zones', 'levels', 'reports', 'directives'] },
  { key: 'cases', keys: ['people', 'cases', 'clusters'] },
  { key: 'care', keys: ['quarantine', 'treatment', 'testing', 'vaccination', 'vaccinationDose'] },
  { key: 'places', keys: ['enterprises', 'enterpriseRisk', 'venues', 'venueScan', 'boardingHouses', 'myBoardingHouse'] },
  { key: 'community', keys: ['arrivals', 'community', 'toCovid', 'pharmacySales'] },
  { key: 'resources', keys: ['support', 'supplies'] },
  { key: 'admin', keys: ['users', 'audit'] },
];
const GROUPED_FROM = 9;

function isMenuKey(key: string): key is MenuKey {
  return Object.hasOwn(MENU, key);
}

function selectedKey(pathname: string): string {
  const match = (Object.entries(MENU) as Array<[MenuKey, { path: string }]>).find(([, m]) =>
    m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`),
  );
  return match?.[0] ?? '';
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measure screens is empty: assume a desktop rather than flash the drawer.
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  // Overdue tasks and unread notices of the directives, polled while the menu shows that entry.
  const directiveAlerts = useDirectiveAlerts(me.menu.includes('directives'));
  const directivesBadge = badgeCount(directiveAlerts.data);

  const item = (key: MenuKey) => ({
    key,
    // A collapsed menu shows no labels: a dot on the icon says there is something to see.
    icon:
      key === 'directives' && directivesBadge > 0 && collapsed && !isMobile ? (
        <Badge dot offset={[-2, 4]}>
          {MENU[key].icon}
        </Badge>
      ) : (
        MENU[key].icon
      ),
    label:
      key === 'directives' && directivesBadge > 0 ? (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('menu.directives')}</span>
          <Badge count={directivesBadge} size="small" overflowCount={99} data-testid="menu-directives-badge" />
        </span>
      ) : (
        t(`menu.${key}`)
      ),
  });
  const keys = me.menu.filter(isMenuKey);
  const grouped = keys.length >= GROUPED_FROM && !(collapsed && !isMobile);
  const items: MenuProps['items'] = grouped
    ? GROUPS.map((g) => ({ type: 'group' as const, key: `group-${g.key}`, label: t(`menu.groups.${g.key}` as const), children: g.keys.filter((k) => keys.includes(k)).map(item) }))
      .filter((g) => g.children.length > 0)
    : keys.map(item);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        if (isMenuKey(key)) navigate(MENU[key].path);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  const userBlock = (
    <div className="app-user" data-testid="current-user">
      <span className="app-user-name">{me.fullName}</span>
      <span className="app-user-role">{t(`roles.${me.role}`, { defaultValue: me.role })}</span>
    </div>
  );

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Button
          type="text"
          aria-label={t('menu.open')}
          icon={<MenuOutlined />}
          onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
        />
        <span className="app-brand">{t('app.name')}</span>
        <span style={{ flex: 1 }} />
        {!isMobile && userBlock}
        <LanguageSwitch size={isMobile ? 'small' : 'middle'} />
        <Tooltip title={t('auth.logout')}>
          <Button icon={<LogoutOutlined />} onClick={() => void onLogout()} aria-label={t('auth.logout')}>
            {screens.lg !== false ? t('auth.logout') : null}
          </Button>
        </Tooltip>
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider theme="light" width={220} collapsed={collapsed} collapsedWidth={64} style={{ borderInlineEnd: '1px solid #e8e8e8' }}>
            {menu}
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={t('app.name')} styles={{ body: { padding: 0 } }}>
            <div style={{ padding: '12px 24px', borderBottom: '1px solid #f0f0f0', textAlign: 'left' }}>{userBlock}</div>
            {menu}
          </Drawer>
        )}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
