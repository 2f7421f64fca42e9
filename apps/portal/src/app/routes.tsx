import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from '../shared/session/RequireSession';
import { AppLayout } from '../shared/layout/AppLayout';
import { RouteError } from '../shared/layout/RouteError';
import { HomeRedirect } from './HomeRedirect';

/**
 * Paths are Vietnamese words without diacritics, as the e-mails link to them (/dat-lai-mat-khau, /chap-nhan-loi-moi).
 * Each area loads on first visit (route-level code splitting: issue 17's script budget).
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
              { path: '/co-so', lazy: () => import('../producer/home/ProducerHomePage') },
              { path: '/ho-so', lazy: () => import('../producer/rating/DossiersPage') },
              { path: '/ho-so/moi', lazy: () => import('../producer/rating/NewDossierPage') },
              { path: '/ho-so/:dossierId', lazy: () => import('../producer/rating/DossierPage') },
              { path: '*', lazy: () => import('../shared/layout/NotFoundPage') },
            ],
          },
        ],
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
