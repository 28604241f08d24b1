import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState, type ReactNode } from 'react';
import { isApiError } from '../api/api-client';
import { sessionStore } from '../api/session';
import { useLang } from '../i18n/i18n';
import { buildTheme, prefersReducedMotion } from './theme';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again; network blips and 5xx might.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.statusCode >= 400 && error.statusCode < 500),
      },
    },
  });
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const lang = useLang();
  const [reducedMotion] = useState(prefersReducedMotion);
  const [theme] = useState(() => buildTheme(reducedMotion));

  // Drop every cached answer when the session ends, so the next user of a shared
  // office PC never sees the previous user's data, even for a frame.
  useEffect(
    () =>
      sessionStore.subscribe(() => {
        if (sessionStore.getState().status === 'anonymous') queryClient.clear();
      }),
    [queryClient],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        theme={theme}
        wave={{ disabled: reducedMotion }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
