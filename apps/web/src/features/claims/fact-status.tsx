import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FirmClaimKind } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatDate } from '../../shared/format';
import { claimValueText } from './claim-value';
import type { FactState } from './fact-states';

export interface FactStatusProps {
  kind: FirmClaimKind;
  state: FactState;
  onClaim: (kind: FirmClaimKind) => void;
}

/** Under a fact: who confirmed it and when, what is under review, why the last request failed. */
export function FactStatus({ kind, state, onClaim }: FactStatusProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { confirmed, pending, rejected } = state;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`fact-status-${kind}`}>
      {confirmed?.decidedBy ? (
        <Typography.Text type="success" style={{ fontSize: 12 }}>
          {t('claims.confirmedBy', {
            agency: confirmed.decidedBy.agency,
            name: confirmed.decidedBy.name,
            date: formatDate(confirmed.decidedAt),
          })}
        </Typography.Text>
      ) : (
        !pending && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('claims.selfDeclared')}
          </Typography.Text>
        )
      )}
      {pending && (
        <span>
          <Tag color="processing">{t('claims.status.pending')}</Tag>
          <Typography.Text style={{ fontSize: 12 }}>{claimValueText(pending, t, lang)}</Typography.Text>
        </span>
      )}
      {rejected && (
        <span>
          <Tag color="error">{t('claims.status.rejected')}</Tag>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {claimValueText(rejected, t, lang)}：{rejected.reason}
          </Typography.Text>
        </span>
      )}
      {!pending && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => onClaim(kind)}
          data-testid={`claim-open-${kind}`}
        >
          {confirmed ? t('claims.change') : t('claims.file')}
        </Button>
      )}
    </Space>
  );
}
