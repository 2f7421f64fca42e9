import { createBrowserRouter, Navigate } from 'react-router';
import { withMessages } from '../common/i18n/i18n';
import { AppLayout } from '../common/layout/AppLayout';
import { RouteError } from '../common/layout/RouteError';
import { RequireSession } from '../common/session/RequireSession';
import { HomeRedirect } from './HomeRedirect';

/**
 * Paths are Vietnamese words without diacritics, as the e-mails link to them (/dat-lai-mat-khau, /chap-nhan-loi-moi).
 * Each area loads on first visit, with its words (route-level code splitting: issue 17's script budget).
 */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/dang-nhap', lazy: () => import('../auth/SignInPage') },
      { path: '/dang-ky', lazy: () => import('../auth/SignUpPage') },
      { path: '/quen-mat-khau', lazy: () => import('../auth/ForgotPasswordPage') },
      { path: '/dat-lai-mat-khau', lazy: () => import('../auth/ResetPasswordPage') },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomeRedirect /> },
              { path: '/tai-khoan', lazy: () => import('../auth/AccountPage') },
              {
                path: '/co-so',
                lazy: withMessages('producer/home', () => import('../producer/home/ProducerHomePage')),
              },
              {
                path: '/san-pham',
                lazy: withMessages('producer/products', () => import('../producer/products/ProductsPage')),
              },
              {
                path: '/san-pham/moi',
                lazy: withMessages('producer/products', () => import('../producer/products/NewProductPage')),
              },
              {
                path: '/san-pham/:productId',
                lazy: withMessages('producer/products', () => import('../producer/products/ProductPage')),
              },
              {
                path: '/vung-trong',
                lazy: withMessages('producer/areas', () => import('../producer/areas/AreasPage')),
              },
              {
                path: '/vung-trong/moi',
                lazy: withMessages('producer/areas', () => import('../producer/areas/GrowingAreaNewPage')),
              },
              {
                path: '/vung-trong/:growingAreaId',
                lazy: withMessages('producer/areas', () => import('../producer/areas/GrowingAreaPage')),
              },
              {
                path: '/co-so-dong-goi/moi',
                lazy: withMessages('producer/areas', () => import('../producer/areas/PackingHouseNewPage')),
              },
              {
                path: '/co-so-dong-goi/:packingHouseId',
                lazy: withMessages('producer/areas', () => import('../producer/areas/PackingHousePage')),
              },
              {
                path: '/lo-hang',
                lazy: withMessages('producer/batches', () => import('../producer/batches/BatchesPage')),
              },
              {
                path: '/lo-hang/moi',
                lazy: withMessages('producer/batches', () => import('../producer/batches/NewBatchPage')),
              },
              {
                path: '/lo-hang/:batchId',
                lazy: withMessages('producer/batches', () => import('../producer/batches/BatchDetailPage')),
              },
              {
                path: '/lo-hang/:batchId/tem',
                lazy: withMessages('producer/labels', () => import('../producer/labels/LabelsPage')),
              },
              {
                path: '/ho-so',
                lazy: withMessages('producer/rating', () => import('../producer/rating/DossiersPage')),
              },
              {
                path: '/ho-so/moi',
                lazy: withMessages('producer/rating', () => import('../producer/rating/NewDossierPage')),
              },
              {
                path: '/ho-so/:dossierId',
                lazy: withMessages('producer/rating', () => import('../producer/rating/DossierPage')),
              },
              {
                path: '/thong-bao',
                lazy: withMessages('notifications', () => import('../notifications/InboxPage')),
              },
              {
                path: '/thong-bao/cai-dat',
                lazy: withMessages('notifications', () => import('../notifications/PreferencesPage')),
              },
              { path: '*', lazy: () => import('../common/layout/NotFoundPage') },
            ],
          },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
