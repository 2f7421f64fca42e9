import { Route, Routes } from 'react-router';
import { AppLayout } from '../common/layout/AppLayout';
import { RequireSession } from '../common/session/RequireSession';
import { HomeRedirect } from './HomeRedirect';
import { page } from './page';

/**
 * Paths are Vietnamese words without diacritics, as the e-mails link to them (/dat-lai-mat-khau, /chap-nhan-loi-moi).
 * Each area loads on first visit, with its words (route-level code splitting: issue 17's script budget).
 */
const SignInPage = page(() => import('../auth/SignInPage'));
const SignUpPage = page(() => import('../auth/SignUpPage'));
const ForgotPasswordPage = page(() => import('../auth/ForgotPasswordPage'));
const ResetPasswordPage = page(() => import('../auth/ResetPasswordPage'));
const AcceptInvitePage = page(() => import('../auth/AcceptInvitePage'));
const AccountPage = page(() => import('../auth/AccountPage'));
const ProducerHomePage = page(() => import('../producer/home/ProducerHomePage'), 'producer/home');
const ProductsPage = page(() => import('../producer/products/ProductsPage'), 'producer/products');
const NewProductPage = page(() => import('../producer/products/NewProductPage'), 'producer/products');
const ProductPage = page(() => import('../producer/products/ProductPage'), 'producer/products');
const AreasPage = page(() => import('../producer/areas/AreasPage'), 'producer/areas');
const GrowingAreaNewPage = page(() => import('../producer/areas/GrowingAreaNewPage'), 'producer/areas');
const GrowingAreaPage = page(() => import('../producer/areas/GrowingAreaPage'), 'producer/areas');
const PackingHouseNewPage = page(() => import('../producer/areas/PackingHouseNewPage'), 'producer/areas');
const PackingHousePage = page(() => import('../producer/areas/PackingHousePage'), 'producer/areas');
const BatchesPage = page(() => import('../producer/batches/BatchesPage'), 'producer/batches');
const NewBatchPage = page(() => import('../producer/batches/NewBatchPage'), 'producer/batches');
const BatchDetailPage = page(() => import('../producer/batches/BatchDetailPage'), 'producer/batches');
const LabelsPage = page(() => import('../producer/labels/LabelsPage'), 'producer/labels');
const DossiersPage = page(() => import('../producer/rating/DossiersPage'), 'producer/rating');
const NewDossierPage = page(() => import('../producer/rating/NewDossierPage'), 'producer/rating');
const DossierPage = page(() => import('../producer/rating/DossierPage'), 'producer/rating');
// The desk lists consumer reports with the reports' words.
const OfficerQueuesPage = page(
  () => import('../officer/queues/QueuesPage'),
  ['officer/queues', 'officer/reports'],
);
// A report says what the scan answered in the retailers' verdict words.
const ReportPage = page(() => import('../officer/reports/ReportPage'), ['officer/reports', 'retail/verify']);
const ProducerReviewPage = page(() => import('../officer/queues/ProducerReviewPage'), 'officer/queues');
const OfficerRoundsPage = page(() => import('../officer/rounds/RoundsPage'), 'officer/rounds');
// A round lists its dossiers with the producer's status words; a dossier is checked with them too.
const OfficerRoundPage = page(
  () => import('../officer/rounds/RoundPage'),
  ['officer/rounds', 'producer/rating'],
);
const DossierReviewPage = page(
  () => import('../officer/rounds/DossierReviewPage'),
  ['officer/rounds', 'producer/rating'],
);
const CentralProposalsPage = page(() => import('../officer/rounds/CentralProposalsPage'), 'officer/rounds');
// Scans are told apart by the retailers' verdict words.
const GoalsPage = page(() => import('../officer/goals/GoalsPage'), ['officer/goals', 'retail/verify']);
// The officer reads the producer's site as the producer does, with the producer's words for its parts.
const SiteReviewPage = page(
  () => import('../officer/queues/SiteReviewPage'),
  ['officer/queues', 'producer/areas'],
);
// A council member scores on the producer's scoring sheet form, with its words.
const CouncilDossiersPage = page(
  () => import('../council/scoring/CouncilDossiersPage'),
  ['council/scoring', 'producer/rating'],
);
const CouncilScoringPage = page(
  () => import('../council/scoring/CouncilScoringPage'),
  ['council/scoring', 'producer/rating'],
);
const SystemPage = page(() => import('../admin/system/SystemPage'), 'admin/system');
const DeadLettersPage = page(() => import('../admin/system/DeadLettersPage'), 'admin/system');
const DeadLetterPage = page(() => import('../admin/system/DeadLetterPage'), 'admin/system');
const AccountsPage = page(() => import('../admin/accounts/AccountsPage'), 'admin/accounts');
const NewAccountPage = page(() => import('../admin/accounts/NewAccountPage'), 'admin/accounts');
const AdminAccountPage = page(() => import('../admin/accounts/AccountPage'), 'admin/accounts');
const AuditPage = page(() => import('../admin/accounts/AuditPage'), 'admin/accounts');
const RubricsPage = page(() => import('../admin/rubrics/RubricsPage'), 'admin/rubrics');
const LabelKeysPage = page(() => import('../admin/label-keys/LabelKeysPage'), 'admin/label-keys');
const VerifyPage = page(() => import('../retail/verify/VerifyPage'), 'retail/verify');
const ApiKeysPage = page(() => import('../retail/api-keys/ApiKeysPage'), 'retail/api-keys');
// The webhook pages show the signing key once with the API keys' shown-once box, in its words.
const WebhooksPage = page(
  () => import('../retail/webhooks/WebhooksPage'),
  ['retail/webhooks', 'retail/api-keys'],
);
const WebhookPage = page(
  () => import('../retail/webhooks/WebhookPage'),
  ['retail/webhooks', 'retail/api-keys'],
);
const InboxPage = page(() => import('../notifications/InboxPage'), 'notifications');
const PreferencesPage = page(() => import('../notifications/PreferencesPage'), 'notifications');
const NotFound = page(() => import('../common/layout/NotFoundPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/dang-nhap" element={<SignInPage />} />
      <Route path="/dang-ky" element={<SignUpPage />} />
      <Route path="/quen-mat-khau" element={<ForgotPasswordPage />} />
      <Route path="/dat-lai-mat-khau" element={<ResetPasswordPage />} />
      <Route path="/chap-nhan-loi-moi" element={<AcceptInvitePage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/tai-khoan" element={<AccountPage />} />
          <Route path="/co-so" element={<ProducerHomePage />} />
          <Route path="/san-pham" element={<ProductsPage />} />
          <Route path="/san-pham/moi" element={<NewProductPage />} />
          <Route path="/san-pham/:productId" element={<ProductPage />} />
          <Route path="/vung-trong" element={<AreasPage />} />
          <Route path="/vung-trong/moi" element={<GrowingAreaNewPage />} />
          <Route path="/vung-trong/:growingAreaId" element={<GrowingAreaPage />} />
          <Route path="/co-so-dong-goi/moi" element={<PackingHouseNewPage />} />
          <Route path="/co-so-dong-goi/:packingHouseId" element={<PackingHousePage />} />
          <Route path="/lo-hang" element={<BatchesPage />} />
          <Route path="/lo-hang/moi" element={<NewBatchPage />} />
          <Route path="/lo-hang/:batchId" element={<BatchDetailPage />} />
          <Route path="/lo-hang/:batchId/tem" element={<LabelsPage />} />
          <Route path="/ho-so" element={<DossiersPage />} />
          <Route path="/ho-so/moi" element={<NewDossierPage />} />
          <Route path="/ho-so/:dossierId" element={<DossierPage />} />
          <Route path="/can-bo" element={<OfficerQueuesPage />} />
          <Route path="/can-bo/chi-tieu" element={<GoalsPage />} />
          <Route path="/phan-anh/:reportId" element={<ReportPage />} />
          <Route path="/can-bo/dot-danh-gia" element={<OfficerRoundsPage />} />
          <Route path="/can-bo/dot-danh-gia/:roundId" element={<OfficerRoundPage />} />
          <Route path="/can-bo/dot-danh-gia/de-xuat-trung-uong" element={<CentralProposalsPage />} />
          <Route path="/can-bo/dot-danh-gia/ho-so/:dossierId" element={<DossierReviewPage />} />
          <Route path="/can-bo/chu-the/:producerId" element={<ProducerReviewPage />} />
          <Route path="/can-bo/vung-trong/:siteId" element={<SiteReviewPage />} />
          <Route path="/can-bo/co-so-dong-goi/:siteId" element={<SiteReviewPage />} />
          <Route path="/hoi-dong" element={<CouncilDossiersPage />} />
          <Route path="/hoi-dong/ho-so/:dossierId" element={<CouncilScoringPage />} />
          <Route path="/kiem-tra-ma" element={<VerifyPage />} />
          <Route path="/kiem-tra-ma/khoa-api" element={<ApiKeysPage />} />
          <Route path="/kiem-tra-ma/webhook" element={<WebhooksPage />} />
          <Route path="/kiem-tra-ma/webhook/:subscriptionId" element={<WebhookPage />} />
          <Route path="/quan-tri" element={<SystemPage />} />
          <Route path="/quan-tri/su-kien-loi" element={<DeadLettersPage />} />
          <Route path="/quan-tri/su-kien-loi/:service/:id" element={<DeadLetterPage />} />
          <Route path="/quan-tri/tai-khoan" element={<AccountsPage />} />
          <Route path="/quan-tri/tai-khoan/moi" element={<NewAccountPage />} />
          <Route path="/quan-tri/tai-khoan/:accountId" element={<AdminAccountPage />} />
          <Route path="/quan-tri/nhat-ky" element={<AuditPage />} />
          <Route path="/quan-tri/bo-tieu-chi" element={<RubricsPage />} />
          <Route path="/quan-tri/khoa-ky-tem" element={<LabelKeysPage />} />
          <Route path="/thong-bao" element={<InboxPage />} />
          <Route path="/thong-bao/cai-dat" element={<PreferencesPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
