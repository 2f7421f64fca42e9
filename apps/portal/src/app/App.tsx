import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiProblem } from '../common/api/problem';
import { SessionProvider } from '../common/session/session';
import { PageErrorBoundary } from '../common/layout/PageErrorBoundary';
import { Spinner } from '../common/layout/Spinner';
import { AppRoutes } from './routes';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A problem the server decided (4xx) will not change by asking again; a network hiccup may.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiProblem && error.status >= 400 && error.status < 500),
      staleTime: 15_000,
      refetchOnWindowFocus: true,
    },
  },
});

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <BrowserRouter>
            <PageErrorBoundary>
              <Suspense fallback={<Spinner />}>
                <AppRoutes />
              </Suspense>
            </PageErrorBoundary>
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
