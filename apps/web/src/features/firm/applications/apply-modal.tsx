import { Alert, App, Checkbox, Descriptions, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckRange, ProductKind, Purpose } from '@lianrong/matching/vocabulary';
import { failedRules, useApply } from '../../../api/applications';
import { isApiError } from '../../../api/api-client';
import type { MatchCheck } from '../../../api/types';
import { useLang } from '../../../i18n/i18n';
import { formatBpsRange, formatMoney, formatMoneyRange, formatTerm, formatTermRange } from '../../../shared/format';
import { refusalLines } from './application-words';

/** What the firm applies for: a product for one of its needs, with the terms it knows. */
export interface ApplyTarget {
  needId: string;
  productId: string;
  productName: string;
  bankName: string;
  kind: ProductKind;
  rateMinBps: number;
  rateMaxBps: number;
  /** Ranges where the caller knows them (a referral says them; a ranked match has them in its checks). */
  amountMax?: number;
  termMin?: number;
  termMax?: number;
  need?: { amount: number; termMonths?: number; purpose: Purpose };
  /** The product's rules as required vs actual, to word a refusal with the firm's own figures. */
  checks?: MatchCheck[];
  /** The declined match whose referral led here. */
  referredFromMatchId?: string;
}

const rangeOf = (checks: MatchCheck[] | undefined, rule: MatchCheck['rule']): CheckRange | null => {
  const required = checks?.find((c) => c.rule === rule)?.required;
  return typeof required === 'object' && required !== null && !Array.isArray(required) ? required : null;
};

/**
 * Applying sends the firm's record to a bank, so it is never one silent click: the product
 * and terms are shown, and the firm ticks the credit-record consent (征信查询授权) itself.
 */
export function ApplyModal({ target, onClose }: { target: ApplyTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [consent, setConsent] = useState(false);
  const apply = useApply(target?.needId ?? '');

  // Fresh for each product the modal opens on (the target object itself is rebuilt as the page refetches).
  const opened = target ? `${target.needId}/${target.productId}/${target.referredFromMatchId ?? ''}` : null;
  useEffect(() => {
    if (opened) {
      setConsent(false);
      apply.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  if (!target) return null;

  const amountRange = rangeOf(target.checks, 'amount_out_of_range');
  const termRange = rangeOf(target.checks, 'term_out_of_range');
  const amountText =
    target.amountMax !== undefined
      ? formatMoney(target.amountMax, lang)
      : amountRange
        ? formatMoneyRange(amountRange.min, amountRange.max, lang)
        : null;
  const termText =
    target.termMin !== undefined && target.termMax !== undefined
      ? formatTermRange(target.termMin, target.termMax, lang)
      : termRange
        ? formatTermRange(termRange.min, termRange.max, lang)
        : null;
  const { need } = target;

  const submit = async () => {
    if (!consent) return;
    try {
      await apply.mutateAsync({
        productId: target.productId,
        creditCheckConsent: true,
        ...(target.referredFromMatchId ? { referredFromMatchId: target.referredFromMatchId } : {}),
      });
      void message.success(t('firmApplications.apply.submitted'));
      onClose();
    } catch {
      // Shown in the modal below, where the firm can read which rule failed.
    }
  };

  const rules = failedRules(apply.error);
  const refusal = rules.length > 0 ? refusalLines(t, lang, rules, target.checks) : [];

  return (
    <Modal
      open
      title={t('firmApplications.apply.title', { product: target.productName })}
      okText={t('firmApplications.apply.submit')}
      cancelText={t('firmApplications.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={apply.isPending}
      okButtonProps={{ disabled: !consent, ...{ 'data-testid': 'apply-submit' } }}
      destroyOnHidden
    >
      <div data-testid="apply-modal">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'product', label: t('firmApplications.apply.product'), children: target.productName },
            { key: 'bank', label: t('firmApplications.apply.bank'), children: target.bankName },
            { key: 'kind', label: t('firmApplications.apply.kind'), children: t(`enums.productKind.${target.kind}`) },
            { key: 'rate', label: t('firmApplications.apply.rate'), children: formatBpsRange(target.rateMinBps, target.rateMaxBps) },
            ...(amountText
              ? [
                  {
                    key: 'amount',
                    label: t(target.amountMax !== undefined ? 'firmApplications.apply.amountMax' : 'firmApplications.apply.amountRange'),
                    children: amountText,
                  },
                ]
              : []),
            ...(termText ? [{ key: 'term', label: t('firmApplications.apply.term'), children: termText }] : []),
            ...(need
              ? [
                  {
                    key: 'need',
                    label: t('firmApplications.apply.need'),
                    children:
                      need.termMonths !== undefined
                        ? t('firmApplications.apply.needValue', {
                            amount: formatMoney(need.amount, lang),
                            term: formatTerm(need.termMonths, lang),
                            purpose: t(`enums.purpose.${need.purpose}`),
                          })
                        : t('firmApplications.apply.needShort', {
                            amount: formatMoney(need.amount, lang),
                            purpose: t(`enums.purpose.${need.purpose}`),
                          }),
                  },
                ]
              : []),
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('firmApplications.apply.consentTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="apply-consent-text">
          {t('firmApplications.apply.consentText', { bank: target.bankName })}
        </Typography.Paragraph>
        <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="apply-consent">
          {t('firmApplications.apply.consentCheck', { bank: target.bankName })}
        </Checkbox>
        {refusal.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={t('firmApplications.apply.refused')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="apply-refusal">
                {refusal.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            }
          />
        )}
        {apply.error && refusal.length === 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="apply-error"
            title={t('firmApplications.apply.failed', {
              message: isApiError(apply.error) ? apply.error.message : String(apply.error),
            })}
          />
        )}
      </div>
    </Modal>
  );
}
