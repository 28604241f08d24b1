import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { type ReactNode, useState } from 'react';

/** A page's title and one-line intro, with its main action at the right (wrapping on phones). */
export function PageHeader({ title, intro, action }: { title: ReactNode; intro: ReactNode; action?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{intro}</Typography.Text>
      </div>
      {action}
    </div>
  );
}

/**
 * A file export: the button spins while the file is prepared (large exports take seconds)
 * and a failure is said in a message naming the cause, instead of a download that never comes.
 */
export function ExportButton({
  download,
  failed,
  testId,
  children,
}: {
  download: () => Promise<void>;
  failed: (cause: string) => string;
  testId: string;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = async () => {
    setExporting(true);
    try {
      await download();
    } catch (error) {
      void message.error(failed(error instanceof Error ? error.message : String(error)));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void run()} data-testid={testId}>
      {children}
    </Button>
  );
}
