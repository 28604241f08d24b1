import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNeeds } from '../../../api/needs';
import type { FundingNeed } from '../../../api/types';
import { QueryState } from '../../../shared/components/query-state';
import { NeedsTable } from '../needs-table';
import { NeedFormDrawer } from './need-form-drawer';

/** The firm's needs with post, edit and withdraw. */
export function NeedsCard() {
  const { t } = useTranslation();
  const needs = useNeeds();
  // undefined: drawer closed; null: a new need; a need: editing it.
  const [editing, setEditing] = useState<FundingNeed | null | undefined>(undefined);
  return (
    <Card
      title={t('firm.needs')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="need-post">
          {t('needsWorkspace.post')}
        </Button>
      }
    >
      <QueryState query={needs}>{(items) => <NeedsTable needs={items} onEdit={setEditing} />}</QueryState>
      <NeedFormDrawer open={editing !== undefined} need={editing ?? undefined} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
