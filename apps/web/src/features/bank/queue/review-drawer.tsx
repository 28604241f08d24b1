import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECLINE_REASONS, type MatchStatus } from '@lianrong/matching/vocabulary';
import { isApiError } from '../../../api/api-client';
import { type ReviewAction, useReviewAction } from '../../../api/bank-queue';
import { useLang } from '../../../i18n/i18n';
import { formatBps, formatMoney, formatTerm, yuanToWan } from '../../../shared/format';
import { type ReviewStep, type StepValues, reviewSteps, stepRequest } from './review-steps';

/** What the drawer needs of a match: a queue row and the firm view's match both carry it. */
export interface ReviewTarget {
  id: string;
  version: number;
  status: MatchStatus;
  allowedMoves: MatchStatus[];
  firmName: string;
  productName: string;
  needAmount: number;
  needTermMonths: number;
  proposedAmount?: number | null;
  proposedRateBps?: number | null;
  proposedTermMonths?: number | null;
  approvedAmount?: number | null;
  disbursedAmount?: number | null;
}

interface FormValues {
  amountWan?: number;
  ratePercent?: number;
  termMonths?: number;
  reasonCode?: StepValues['reasonCode'];
  note?: string;
  disbursedOn?: Dayjs;
}

// The API names money in yuan and rates in bps; its field errors land on the typed fields.
const FORM_FIELD_OF: Record<string, keyof FormValues> = {
  amount: 'amountWan',
  rateBps: 'ratePercent',
  termMonths: 'termMonths',
  reasonCode: 'reasonCode',
  note: 'note',
  disbursedOn: 'disbursedOn',
};

/** Today in China: a loan is booked on the calendar of the branch that makes it. */
const shanghaiToday = () => dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));

/** Shared by the row buttons and the drawer: one move, its outcome told, a 409 explained. */
export function useReviewStep(onDone?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useReviewAction();
  const [conflict, setConflict] = useState<string | null>(null);
  const run = (target: ReviewTarget, step: ReviewStep, values: StepValues, onFieldErrors?: (e: Error) => boolean) => {
    setConflict(null);
    const request = stepRequest(step, values, target.version);
    const payload: ReviewAction =
      request.kind === 'transition'
        ? { kind: 'transition', matchId: target.id, input: request.input }
        : { kind: 'documents', matchId: target.id, input: request.input };
    action.mutate(
      payload,
      {
        onSuccess: () => {
          void message.success(t('bankQueue.done', { step: t(`bankQueue.steps.${step}`) }));
          onDone?.();
        },
        onError: (error) => {
          // Someone else moved it first, or the version is stale: the refreshed row is the truth now.
          if (isApiError(error) && error.statusCode === 409) {
            const text = t('bankQueue.conflict', { message: error.message });
            setConflict(text);
            void message.error(text);
            return;
          }
          if (onFieldErrors?.(error)) return;
          void message.error(t('bankQueue.failed', { message: error.message }));
        },
      },
    );
  };
  return { run, pending: action.isPending, conflict, clearConflict: () => setConflict(null) };
}

interface ReviewDrawerProps {
  target: ReviewTarget | null;
  initialStep?: ReviewStep;
  onClose: () => void;
}

/** 处理: every move the bank has on one match, each with the form its terms need. */
export function ReviewDrawer({ target, initialStep, onClose }: ReviewDrawerProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const isPhone = Grid.useBreakpoint().sm === false;
  const [form] = Form.useForm<FormValues>();
  const steps = useMemo(() => (target ? reviewSteps(target.status, target.allowedMoves) : []), [target]);
  const [step, setStep] = useState<ReviewStep | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const { run, pending, conflict, clearConflict } = useReviewStep(onClose);

  useEffect(() => {
    if (!target) return;
    setStep(initialStep && steps.includes(initialStep) ? initialStep : steps[0]);
    setFormError(null);
    clearConflict();
    form.resetFields();
    const remaining = (target.approvedAmount ?? 0) - (target.disbursedAmount ?? 0);
    form.setFieldsValue({
      amountWan: target.status === 'approved' || target.status === 'disbursed' ? yuanToWan(Math.max(remaining, 0)) : yuanToWan(target.needAmount),
      termMonths: target.needTermMonths,
      disbursedOn: shanghaiToday(),
    });
    // A new target (or a refreshed version of it) starts the drawer afresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target?.id, target?.version]);

  const onFieldErrors = (error: Error) => {
    if (!isApiError(error) || error.details.length === 0) return false;
    const onForm = error.details.filter((d) => FORM_FIELD_OF[d.field]);
    form.setFields(onForm.map((d) => ({ name: FORM_FIELD_OF[d.field], errors: [d.problem] })));
    setFormError(onForm.length === error.details.length ? t('bankQueue.form.fixFields') : t('bankQueue.failed', { message: error.message }));
    return true;
  };

  const submit = (values: FormValues) => {
    if (!target || !step) return;
    setFormError(null);
    run(target, step, { ...values, disbursedOn: values.disbursedOn?.format('YYYY-MM-DD') }, onFieldErrors);
  };

  const required = { required: true, message: t('bankQueue.form.required') };
  const positive = { type: 'number' as const, min: 0.0001, message: t('bankQueue.form.positive') };
  const wide = { style: { width: '100%' } };
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={target ? t('bankQueue.drawerTitle', { firm: target.firmName }) : ''}
      size={isPhone ? '100%' : 480}
      styles={{ body: { padding: isPhone ? 16 : 24 } }}
      data-testid="review-drawer"
      footer={
        step && (
          <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('bankQueue.form.cancel')}</Button>
            <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="review-submit">
              {t(`bankQueue.steps.${step}`)}
            </Button>
          </Space>
        )
      }
    >
      {target && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('bankQueue.drawerSummary', {
              product: target.productName,
              amount: formatMoney(target.needAmount, lang),
              status: t(`enums.matchStatus.${target.status}`),
            })}
          </Typography.Text>
          {conflict && <Alert type="warning" showIcon title={conflict} data-testid="review-conflict" />}
          {steps.length === 0 ? (
            <Alert type="info" showIcon title={t('bankQueue.noSteps')} />
          ) : (
            <>
              <div>
                <Typography.Text id="review-step-label" strong style={{ display: 'block', marginBottom: 8 }}>
                  {t('bankQueue.chooseStep')}
                </Typography.Text>
                <Segmented
                  aria-labelledby="review-step-label"
                  block={isPhone}
                  value={step}
                  onChange={(v) => {
                    setStep(v as ReviewStep);
                    setFormError(null);
                  }}
                  options={steps.map((s) => ({ value: s, label: t(`bankQueue.steps.${s}`) }))}
                  data-testid="review-steps"
                />
              </div>
              {step && <Alert type="info" title={t(`bankQueue.hints.${step}`)} />}
              {step === 'confirm' && target.proposedAmount != null && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('bankQueue.proposal', {
                    amount: formatMoney(target.proposedAmount, lang),
                    rate: formatBps(target.proposedRateBps),
                    term: formatTerm(target.proposedTermMonths, lang),
                  })}
                />
              )}
              {step === 'disburse' && target.approvedAmount != null && (
                <Typography.Text type="secondary">
                  {/* "已放款 0万元" reads like a figure; before the first drawdown say none was made. */}
                  {target.disbursedAmount
                    ? t('bankQueue.approvedTerms', {
                        amount: formatMoney(target.approvedAmount, lang),
                        disbursed: formatMoney(target.disbursedAmount, lang),
                      })
                    : t('bankQueue.approvedTermsNone', { amount: formatMoney(target.approvedAmount, lang) })}
                </Typography.Text>
              )}
              <Form
                form={form}
                layout="vertical"
                onFinish={submit}
                onValuesChange={() => setFormError(null)}
                disabled={pending}
                data-testid="review-form"
              >
                {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
                {step === 'approve' && (
                  <>
                    <Form.Item name="amountWan" label={t('bankQueue.form.amountWan')} rules={[required, positive]}>
                      <InputNumber {...wide} min={0} data-testid="review-amount" />
                    </Form.Item>
                    <Form.Item name="ratePercent" label={t('bankQueue.form.ratePercent')} rules={[required, positive]}>
                      <InputNumber {...wide} min={0} max={100} precision={2} step={0.05} data-testid="review-rate" />
                    </Form.Item>
                    <Form.Item
                      name="termMonths"
                      label={t('bankQueue.form.termMonths')}
                      rules={[required, { type: 'integer', min: 1, max: 360, message: t('bankQueue.form.positive') }]}
                    >
                      <InputNumber {...wide} min={1} max={360} precision={0} data-testid="review-term" />
                    </Form.Item>
                  </>
                )}
                {step === 'decline' && (
                  <>
                    <Form.Item name="reasonCode" label={t('bankQueue.form.reason')} rules={[required]}>
                      <Select
                        data-testid="review-reason"
                        options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`enums.declineReason.${r}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="note" label={t('bankQueue.form.note')} rules={[{ max: 1000 }]}>
                      <Input.TextArea rows={3} maxLength={1000} placeholder={t('bankQueue.form.notePlaceholder')} />
                    </Form.Item>
                  </>
                )}
                {step === 'return' && (
                  <Form.Item name="note" label={t('bankQueue.form.note')} rules={[{ max: 1000 }]}>
                    <Input.TextArea rows={3} maxLength={1000} placeholder={t('bankQueue.form.notePlaceholder')} />
                  </Form.Item>
                )}
                {step === 'documents' && (
                  <Form.Item
                    name="note"
                    label={t('bankQueue.form.documentsNote')}
                    rules={[{ ...required, whitespace: true }, { max: 1000 }]}
                  >
                    <Input.TextArea
                      rows={3}
                      maxLength={1000}
                      placeholder={t('bankQueue.form.documentsPlaceholder')}
                      data-testid="review-note"
                    />
                  </Form.Item>
                )}
                {step === 'disburse' && (
                  <>
                    <Form.Item name="amountWan" label={t('bankQueue.form.disburseAmountWan')} rules={[required, positive]}>
                      <InputNumber {...wide} min={0} data-testid="review-amount" />
                    </Form.Item>
                    <Form.Item
                      name="disbursedOn"
                      label={t('bankQueue.form.disbursedOn')}
                      rules={[
                        required,
                        {
                          validator: (_, v?: Dayjs) =>
                            v && v.isAfter(shanghaiToday(), 'day')
                              ? Promise.reject(new Error(t('bankQueue.form.noFuture')))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <DatePicker {...wide} disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
                    </Form.Item>
                  </>
                )}
              </Form>
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
