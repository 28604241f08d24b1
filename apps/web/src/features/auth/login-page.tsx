import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-client';
import { useChangePassword, useLogin, useSession, type LoginInput } from '../../api/auth';
import { useMeta } from '../../api/meta';
import { isInPortal, paths, portalPath } from '../../app/paths';
import { FullPageSpin } from '../../app/require-role';
import { AuthBrandHeader } from './auth-brand-header';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

function useErrorText(error: Error | null): string | null {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error) && error.statusCode === 401) return t('login.invalidCredentials');
  if (isApiError(error) && error.statusCode === 429) return t('login.tooManyAttempts');
  return t('login.failed', { message: error.message });
}

function DemoAccounts({ onPick }: { onPick: (email: string) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="demo-accounts" style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('login.demoTitle')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px', fontSize: 12 }}>
        {t('login.demoHint', { password: DEMO_PASSWORD })}
      </Typography.Paragraph>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {DEMO_ACCOUNTS.map((account) => (
          <Button
            key={account.email}
            block
            size="small"
            data-testid={`demo-${account.id ?? account.role}`}
            onClick={() => onPick(account.email)}
            style={{ display: 'flex', justifyContent: 'space-between' }}
          >
            <span>{account.id ? t(`login.demo.${account.id}`) : t(`role.${account.role}`)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {account.email}
            </Typography.Text>
          </Button>
        ))}
      </Space>
    </div>
  );
}

/** An administrator asked for a new password: the API refused the sign-in with this. */
const mustChangePassword = (error: Error | null): boolean =>
  isApiError(error) &&
  error.statusCode === 403 &&
  error.details.some((d) => d.field === 'password');

interface NewPasswordInput {
  newPassword: string;
  confirm: string;
}

/** The new password a forced reset asks for; the password just typed proves who it is. */
function ChangePasswordForm({
  attempt,
  onDone,
}: {
  attempt: LoginInput;
  onDone: (role: string) => void;
}) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const problem = isApiError(change.error)
    ? (change.error.details.find((d) => d.field === 'newPassword')?.problem ?? change.error.message)
    : change.error?.message;
  return (
    <div data-testid="change-password">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('login.changeTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('login.changeHint')} style={{ marginBottom: 16 }} />
      {problem && (
        <Alert
          type="error"
          showIcon
          title={t('login.changeFailed', { message: problem })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<NewPasswordInput>
        layout="vertical"
        requiredMark={false}
        disabled={change.isPending}
        onFinish={(values) =>
          change.mutate(
            {
              email: attempt.email,
              currentPassword: attempt.password,
              newPassword: values.newPassword,
            },
            { onSuccess: ({ user }) => onDone(user.role) },
          )
        }
      >
        <Form.Item
          name="newPassword"
          label={t('login.newPassword')}
          extra={t('login.passwordPolicy')}
          rules={[
            { required: true, message: t('login.newPasswordRequired') },
            { min: 10, message: t('login.passwordPolicy') },
            { pattern: /(?=.*[A-Za-z])(?=.*[0-9])/, message: t('login.passwordPolicy') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('login.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.newPasswordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('login.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={change.isPending}
          data-testid="change-password-submit"
        >
          {t('login.changeSubmit')}
        </Button>
      </Form>
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  // A deployment without demo data must not advertise logins that do not exist.
  const meta = useMeta();
  const [form] = Form.useForm<LoginInput>();
  const errorText = useErrorText(mustChangePassword(login.error) ? null : login.error);
  const from = (location.state as { from?: string } | null)?.from;
  const [attempt, setAttempt] = useState<LoginInput | null>(null);

  if (session.status === 'bootstrapping') return <FullPageSpin />;
  if (session.user) return <Navigate to={portalPath(session.user.role)} replace />;

  const onFinish = (values: LoginInput) => {
    const input = { email: values.email.trim(), password: values.password };
    setAttempt(input);
    login.mutate(input, {
      onSuccess: ({ user }) => {
        // Back to the page that sent them here, if it is theirs to see.
        const target = from && isInPortal(from, user.role) ? from : portalPath(user.role);
        void navigate(target, { replace: true });
      },
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #0b2a5b 0%, #1553b6 55%, #e8eef9 55%)',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400 }}>
        <AuthBrandHeader />
        <Card>
          {attempt && mustChangePassword(login.error) ? (
            <ChangePasswordForm
              attempt={attempt}
              onDone={(role) =>
                void navigate(portalPath(role as Parameters<typeof portalPath>[0]), {
                  replace: true,
                })
              }
            />
          ) : (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {t('login.title')}
              </Typography.Title>
              {session.logoutReason === 'expired' && !errorText && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('login.sessionExpired')}
                  style={{ marginBottom: 16 }}
                />
              )}
              {errorText && (
                <Alert
                  type="error"
                  showIcon
                  title={errorText}
                  data-testid="login-error"
                  style={{ marginBottom: 16 }}
                />
              )}
              <Form
                form={form}
                layout="vertical"
                requiredMark={false}
                onFinish={onFinish}
                disabled={login.isPending}
              >
                <Form.Item
                  name="email"
                  label={t('login.email')}
                  rules={[
                    { required: true, message: t('login.emailRequired') },
                    { type: 'email', message: t('login.emailInvalid') },
                  ]}
                >
                  <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" />
                </Form.Item>
                <Form.Item
                  name="password"
                  label={t('login.password')}
                  rules={[{ required: true, message: t('login.passwordRequired') }]}
                >
                  <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  block
                  loading={login.isPending}
                  data-testid="login-submit"
                >
                  {t('login.submit')}
                </Button>
              </Form>
              <div style={{ margin: '12px 0', textAlign: 'center' }}>
                <Link to={paths.register} data-testid="login-to-register">
                  {t('login.toRegister')}
                </Link>
              </div>
              {meta.data?.demo === true && (
                <DemoAccounts
                  onPick={(email) => {
                    login.reset();
                    form.setFieldsValue({ email, password: DEMO_PASSWORD });
                  }}
                />
              )}
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
