import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface QueryStateProps<T> {
  query: { data: T | undefined; isPending: boolean; error: Error | null; refetch: () => unknown };
  children: (data: T) => ReactNode;
  rows?: number;
}

/** Loading skeleton, error with retry, or the data: the three states every card has. */
export function QueryState<T>({ query, children, rows = 3 }: QueryStateProps<T>) {
  const { t } = useTranslation();
  if (query.error) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('app.loadFailed')}
        description={query.error.message}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (query.isPending || query.data === undefined) return <Skeleton active paragraph={{ rows }} />;
  return <>{children(query.data)}</>;
}
