import {
  regionFullName,
  regionsWithin,
  usccProblem,
  usccRegionCode,
} from '@lianrong/matching/registration';
import { Alert, Button, Card, Cascader, Form, Input, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-client';
import { useRegisterFirm, useSession, type RegisterFirmInput } from '../../api/auth';
import { paths, portalPath } from '../../app/paths';
import { FullPageSpin } from '../../app/require-role';
import { industryOptions } from '../../shared/industry-options';
import { AuthBrandHeader } from './auth-brand-header';

interface RegisterValues {
  uscc: string;
  name: string;
  regionCode?: string;
  industryPath: string[];
  email: string;
  password: string;
}

const FIELDS = ['uscc', 'name', 'regionCode', 'industryCode', 'email', 'password'] as const;
type Field = (typeof FIELDS)[number];
const isField = (field: string): field is Field => (FIELDS as readonly string[]).includes(field);

// Mirrors PASSWORD_RULES in the API's auth DTO, so the policy is shown before it is enforced.
function passwordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('register.passwordRequired') },
    { min: 10, message: t('register.passwordPolicy') },
    { max: 200, message: t('register.passwordTooLong') },
    { pattern: /[A-Za-z]/, message: t('register.passwordPolicy') },
    { pattern: /[0-9]/, message: t('register.passwordPolicy') },
  ];
}

function usccRule(t: TFunction): Rule {
  return {
    validator: (_rule, raw: unknown) => {
      const value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      if (!value) return Promise.reject(new Error(t('register.usccRequired')));
      if (value.length < 18)
        return Promise.reject(new Error(t('register.usccShort', { count: 18 - value.length })));
      const problem = usccProblem(value);
      return problem
        ? Promise.reject(new Error(t(`register.usccProblem.${problem}`)))
        : Promise.resolve();
    },
  };
}

/** The API's field problems in the user's language where we know them, else as sent. */
function apiProblemText(t: TFunction, field: Field, problem: string): string {
  if (problem === 'already registered')
    return t(`register.taken.${field === 'email' ? 'email' : 'uscc'}`);
  if (field === 'regionCode') return t('register.regionOutside');
  if (field === 'industryCode') return t('register.industryUnknown');
  return problem;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const register = useRegisterFirm();
  const [form] = Form.useForm<RegisterValues>();
  const usccValue = Form.useWatch('uscc', form);
  const uscc = typeof usccValue === 'string' ? usccValue.trim().toUpperCase() : '';
  const division = uscc.length === 18 && usccProblem(uscc) === null ? usccRegionCode(uscc) : null;
  // antd lets a field's error take the item's bottom margin; a two-line USCC message would
  // otherwise touch the next label.
  const usccHelpShown = uscc.length > 0 && (uscc.length < 18 || usccProblem(uscc) !== null);
  const narrower = useMemo(
    () => (division ? regionsWithin(division).filter((r) => r.code !== division) : []),
    [division],
  );
  const generalError =
    register.error &&
    !(isApiError(register.error) && register.error.details.some((d) => isField(d.field)))
      ? register.error.message
      : null;

  if (session.status === 'bootstrapping') return <FullPageSpin />;
  if (session.user) return <Navigate to={portalPath(session.user.role)} replace />;

  const onFinish = (values: RegisterValues) => {
    const input: RegisterFirmInput = {
      uscc: values.uscc.trim().toUpperCase(),
      name: values.name.trim(),
      industryCode: values.industryPath[values.industryPath.length - 1],
      email: values.email.trim(),
      password: values.password,
      ...(values.regionCode ? { regionCode: values.regionCode } : {}),
    };
    register.mutate(input, {
      onSuccess: () => void navigate(portalPath('firm'), { replace: true }),
      onError: (error) => {
        if (!isApiError(error)) return;
        form.setFields(
          error.details
            .filter((d) => isField(d.field))
            .map((d) => ({
              name: d.field === 'industryCode' ? 'industryPath' : (d.field as keyof RegisterValues),
              errors: [apiProblemText(t, d.field as Field, d.problem)],
            })),
        );
      },
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'flex-start',
        padding: 16,
        background: 'linear-gradient(160deg, #0b2a5b 0%, #1553b6 35%, #e8eef9 35%)',
      }}
    >
      <div style={{ width: '100%', maxWidth: 520, marginTop: 24 }}>
        <AuthBrandHeader />
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('register.title')}
          </Typography.Title>
          {generalError && (
            <Alert
              type="error"
              showIcon
              title={t('register.failed', { message: generalError })}
              data-testid="register-error"
              style={{ marginBottom: 16 }}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            disabled={register.isPending}
            data-testid="register-form"
          >
            <Form.Item name="uscc" label={t('register.uscc')} rules={[usccRule(t)]} hasFeedback>
              <Input
                maxLength={18}
                autoComplete="off"
                data-testid="register-uscc"
                style={{ textTransform: 'uppercase' }}
              />
            </Form.Item>
            <div style={usccHelpShown ? { paddingTop: 12 } : undefined}>
              <Form.Item
                label={t('register.region')}
                extra={division ? t('register.regionHint') : undefined}
              >
                <Typography.Text data-testid="register-region">
                  {division
                    ? t('register.regionValue', {
                        name: regionFullName(division) ?? division,
                        code: division,
                      })
                    : t('register.regionFromUscc')}
                </Typography.Text>
              </Form.Item>
            </div>
            {narrower.length > 0 && (
              <Form.Item name="regionCode" label={t('register.regionNarrower')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('register.regionNarrowerPlaceholder')}
                  options={narrower.map((r) => ({
                    value: r.code,
                    label: t('register.regionValue', { name: r.fullName, code: r.code }),
                  }))}
                  data-testid="register-region-select"
                />
              </Form.Item>
            )}
            <Form.Item
              name="name"
              label={t('register.name')}
              rules={[
                { required: true, whitespace: true, message: t('register.nameRequired') },
                { min: 2, max: 200, message: t('register.nameLength') },
              ]}
            >
              <Input autoComplete="organization" data-testid="register-name" />
            </Form.Item>
            <Form.Item
              name="industryPath"
              label={t('register.industry')}
              extra={t('register.industryHint')}
              rules={[
                { required: true, message: t('register.industryRequired') },
                {
                  validator: (_rule, value: unknown) =>
                    Array.isArray(value) &&
                    value.length > 0 &&
                    !/^[A-Z][0-9]{4}$/.test(String(value[value.length - 1]))
                      ? Promise.reject(new Error(t('register.industryClass')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Cascader
                options={industryOptions()}
                // The class alone ("C3484 机械化农业及园艺机具制造") fits a phone; the path is in the menus.
                displayRender={(labels: string[]) => labels[labels.length - 1]}
                showSearch
                placeholder={t('register.industryPlaceholder')}
                data-testid="register-industry"
              />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('register.email')}
              rules={[
                { required: true, message: t('login.emailRequired') },
                { type: 'email', message: t('login.emailInvalid') },
              ]}
            >
              <Input autoComplete="email" inputMode="email" data-testid="register-email" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('register.password')}
              extra={t('register.passwordPolicy')}
              rules={passwordRules(t)}
            >
              <Input.Password autoComplete="new-password" data-testid="register-password" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={register.isPending}
              data-testid="register-submit"
            >
              {t('register.submit')}
            </Button>
          </Form>
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            <Link to={paths.login}>{t('register.toLogin')}</Link>
          </div>
        </Card>
      </div>
    </div>
  );
}
