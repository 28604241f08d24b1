import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../api/types';
import { useAdminUsers, useChangeUser, type UserChange } from '../../api/users';
import { QueryState } from '../../shared/components/query-state';
import { useDebounced } from '../../shared/use-debounced';

/** 用户管理: find a user, disable or re-enable them, or make them set a new password. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const users = useAdminUsers(q);
  const change = useChangeUser();

  const act = (user: AdminUser, kind: UserChange['change']) =>
    change.mutate(
      { id: user.id, change: kind },
      {
        onSuccess: () => void message.success(t('admin.userUpdated', { email: user.email })),
        onError: (error) =>
          void message.error(t('admin.userUpdateFailed', { message: error.message })),
      },
    );

  const columns: TableColumnsType<AdminUser> = [
    { title: t('admin.userEmail'), dataIndex: 'email' },
    { title: t('admin.userName'), dataIndex: 'displayName', responsive: ['md'] },
    {
      title: t('admin.userRole'),
      dataIndex: 'role',
      render: (role: AdminUser['role']) => t(`role.${role}`),
    },
    { title: t('admin.userOrg'), dataIndex: ['organization', 'name'], responsive: ['lg'] },
    {
      title: t('admin.userStatus'),
      key: 'status',
      render: (_, user) => (
        <Space size={4} wrap data-testid="user-status">
          {user.disabledAt ? (
            <Tag color="red">{t('admin.userDisabled')}</Tag>
          ) : (
            <Tag color="green">{t('admin.userActive')}</Tag>
          )}
          {user.passwordResetRequired && <Tag color="orange">{t('admin.userResetPending')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('admin.userActions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={4} wrap>
          {user.disabledAt ? (
            <Button size="small" data-testid="user-enable" onClick={() => act(user, 'enable')}>
              {t('admin.enableUser')}
            </Button>
          ) : (
            <Popconfirm title={t('admin.disableConfirm')} onConfirm={() => act(user, 'disable')}>
              <Button size="small" danger data-testid="user-disable">
                {t('admin.disableUser')}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm title={t('admin.resetConfirm')} onConfirm={() => act(user, 'forceReset')}>
            <Button
              size="small"
              data-testid="user-force-reset"
              disabled={user.passwordResetRequired}
            >
              {t('admin.forceReset')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('admin.users')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Input.Search
          allowClear
          aria-label={t('admin.usersSearch')}
          placeholder={t('admin.usersSearch')}
          data-testid="users-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <QueryState query={users}>
          {(items) => (
            <>
              {items.length >= 200 && <Alert type="info" showIcon title={t('admin.usersHint')} />}
              <Table
                data-testid="users-table"
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={items}
                pagination={items.length > 20 ? { pageSize: 20 } : false}
                locale={{ emptyText: t('admin.noUsers') }}
                scroll={{ x: true }}
              />
            </>
          )}
        </QueryState>
      </Space>
    </Card>
  );
}
