import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { logout, logoutEverywhere, useSession } from '../api/auth';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { NotificationBell } from '../features/notifications/notification-bell';
import { LanguageToggle } from '../shared/components/language-toggle';
import { MENUS, selectedMenuKey } from './menus';
import { paths } from './paths';

const { Header, Sider, Content } = Layout;

function Brand({ light, compact }: { light?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    // lineHeight 1: inside the 64 px header the inherited line height would push the
    // glyph out of its 28 px tile.
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, lineHeight: 1 }}>
      <span
        aria-hidden
        style={{
          flex: 'none',
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#1553b6',
          color: '#fff',
          fontWeight: 700,
          display: 'grid',
          placeItems: 'center',
        }}
      >
        链
      </span>
      {!compact && (
        <span style={{ fontWeight: 600, fontSize: 16, color: light ? '#fff' : undefined, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </span>
      )}
    </div>
  );
}

/**
 * The frame of every portal: a dark sider menu on tablets and desktops; on phones
 * (below antd's `md`, 768 px) the sider gives way to a hamburger that opens the same
 * menu in a drawer, so nothing forces a 375 px screen to scroll sideways.
 */
export function PortalLayout({ role }: { role: UserRole }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the very first render; treat that as desktop so
  // desktop users never see the phone layout flash.
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items: MenuProps['items'] = MENUS[role].map((entry) => ({
    key: entry.path,
    icon: entry.icon,
    label: t(entry.labelKey),
  }));
  const selected = selectedMenuKey(role, pathname);
  const menu = (theme: 'dark' | 'light') => (
    <Menu
      theme={theme}
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  const user = session.user;
  const onLogout = async () => {
    await logout();
    void navigate(paths.login, { replace: true });
  };
  const onLogoutEverywhere = async () => {
    try {
      await logoutEverywhere();
      void navigate(paths.login, { replace: true });
    } catch (error) {
      void message.error(t('app.logoutEverywhereFailed', { message: (error as Error).message }));
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
          <div style={{ height: 64, padding: collapsed ? '0 26px' : '0 20px', display: 'flex', alignItems: 'center' }}>
            <Brand light compact={collapsed} />
          </div>
          {menu('dark')}
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isPhone && (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('app.menu')}
                data-testid="menu-toggle"
                onClick={() => setDrawerOpen(true)}
              />
              <Brand />
            </>
          )}
          <Typography.Text
            data-testid="org-name"
            strong={!isPhone}
            type={isPhone ? 'secondary' : undefined}
            ellipsis
            style={{ flex: 1, minWidth: 0 }}
          >
            {user?.organization.name}
          </Typography.Text>
          <Space size={isPhone ? 4 : 12} style={{ flex: 'none' }}>
            {!isPhone && user && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'email', label: user.email, disabled: true },
                    { type: 'divider' },
                    {
                      key: 'everywhere',
                      icon: <LogoutOutlined />,
                      danger: true,
                      label: <span data-testid="logout-everywhere">{t('app.logoutEverywhere')}</span>,
                    },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'everywhere')
                      modal.confirm({
                        title: t('app.logoutEverywhereConfirm'),
                        okButtonProps: { danger: true },
                        onOk: () => onLogoutEverywhere(),
                      });
                  },
                }}
              >
                <Button type="text" data-testid="user-name" aria-label={t('app.userMenu')}>
                  <UserOutlined />
                  <span>{user.displayName}</span>
                </Button>
              </Dropdown>
            )}
            {user && <NotificationBell role={role} />}
            <LanguageToggle />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              data-testid="logout"
              aria-label={t('app.logout')}
              onClick={() => void onLogout()}
            >
              {isPhone ? null : t('app.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
        >
          {user && (
            <div style={{ padding: '12px 24px', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{t(`role.${user.role}`)}</Typography.Text>
            </div>
          )}
          {menu('light')}
        </Drawer>
      )}
    </Layout>
  );
}
