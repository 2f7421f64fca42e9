import {
  AccountMailV1,
  IdentityEvents,
  RegistrationRepeatedV1,
  ReportFiledV1,
  BatchRecalledV1,
  CertificateExpiredV1,
  CertificateExpiringV1,
  CertificateRevokedV1,
  DossierAcceptedV1,
  DossierDecidedV1,
  DossierReturnedV1,
  DossierSubmittedV1,
  GrowingAreaChangedV1,
  LookupEvents,
  ProductCertifiedV1,
  RatingEvents,
  Role,
  ROLES,
  RoundScoringStartedV1,
  ScanSuspiciousV1,
  TraceabilityEvents,
} from '@ocop/contracts';
import {
  invitationTemplate,
  OpenedAccountMail,
  passwordResetTemplate,
  registrationRepeatedTemplate,
} from './templates/account.templates';
import { batchRecalledTemplate } from './templates/batch-recalled.template';
import {
  certificateExpiredTemplate,
  certificateExpiringTemplate,
  certificateRevokedTemplate,
} from './templates/certificate.templates';
import { dossierAcceptedTemplate } from './templates/dossier-accepted.template';
import { dossierBelowThreeStarsTemplate } from './templates/dossier-decided.template';
import { dossierReturnedTemplate } from './templates/dossier-returned.template';
import { dossierSubmittedTemplate } from './templates/dossier-submitted.template';
import { growingAreaIssuedTemplate, growingAreaRejectedTemplate } from './templates/growing-area.templates';
import { productCertifiedTemplate } from './templates/product-certified.template';
import {
  LinkedNotice,
  reportFiledOfficerTemplate,
  reportFiledProducerTemplate,
  reportPortalPath,
} from './templates/report-filed.templates';
import { roundScoringStartedTemplate } from './templates/round-scoring-started.template';
import { scanSuspiciousTemplate } from './templates/scan-suspicious.template';
import { defineWorkflow, Workflow } from './workflow';

const BOTH = ['in-app', 'email'] as const;
const PRODUCERS: readonly Role[] = ['producer'];
const OFFICERS: readonly Role[] = ['officer'];
const COUNCILS: readonly Role[] = ['council'];

/** The one person an account mail is for, as identity's event names them (an invited account is not active). */
const addressee = (d: AccountMailV1) => [
  { accountId: d.accountId, displayName: d.displayName, email: d.email, language: d.language },
];

/** The portal pages where a producer acts on a notice (the portal's notice-links.ts opens the same ones). */
const DOSSIERS = '/ho-so';
const dossierPath = (dossierId: string) => `${DOSSIERS}/${encodeURIComponent(dossierId)}`;
const batchPath = (batchId: string) => `/lo-hang/${encodeURIComponent(batchId)}`;
const growingAreaPath = (growingAreaId: string) => `/vung-trong/${encodeURIComponent(growingAreaId)}`;

/** Every notice the platform sends. Adding one: a template module, an entry here, an @OnEvent in the controller. */
export const WORKFLOWS = [
  defineWorkflow<DossierReturnedV1>({
    id: 'dossier-returned',
    audience: PRODUCERS,
    eventType: RatingEvents.dossierReturned,
    nameVi: 'Hồ sơ OCOP được trả lại',
    nameEn: 'OCOP dossier returned',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: dossierReturnedTemplate,
    portalPath: (d) => dossierPath(d.dossierId),
  }),
  defineWorkflow<DossierAcceptedV1>({
    id: 'dossier-accepted',
    audience: PRODUCERS,
    eventType: RatingEvents.dossierAccepted,
    nameVi: 'Hồ sơ OCOP được tiếp nhận',
    nameEn: 'OCOP dossier accepted',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: dossierAcceptedTemplate,
    portalPath: (d) => dossierPath(d.dossierId),
  }),
  defineWorkflow<DossierDecidedV1>({
    id: 'dossier-below-three-stars',
    audience: PRODUCERS,
    eventType: RatingEvents.dossierDecided,
    nameVi: 'Kết quả đánh giá chưa đạt 3 sao, kèm lý do',
    nameEn: 'Rating result below 3★, with the reasons',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    // A certified product has its own notice (product-certified); only a result below 3★ needs this one.
    recipients: async (e, accounts, m) =>
      e.data.stars < 3 ? accounts.producerAccounts(m, e.data.producerId) : [],
    template: dossierBelowThreeStarsTemplate,
    portalPath: (d) => dossierPath(d.dossierId),
  }),
  defineWorkflow<DossierSubmittedV1>({
    id: 'dossier-submitted',
    audience: OFFICERS,
    eventType: RatingEvents.dossierSubmitted,
    nameVi: 'Hồ sơ OCOP chờ thẩm định',
    nameEn: 'OCOP dossier awaiting review',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.officersCovering(m, e.data.territory),
    template: dossierSubmittedTemplate,
  }),
  defineWorkflow<RoundScoringStartedV1>({
    id: 'round-scoring-started',
    audience: COUNCILS,
    eventType: RatingEvents.roundScoringStarted,
    nameVi: 'Hội đồng bắt đầu chấm điểm',
    nameEn: 'Council scoring started',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) =>
      accounts.byIds(
        m,
        e.data.council.map((c) => c.accountId),
      ),
    template: roundScoringStartedTemplate,
  }),
  defineWorkflow<ProductCertifiedV1>({
    id: 'product-certified',
    audience: PRODUCERS,
    eventType: RatingEvents.productCertified,
    nameVi: 'Sản phẩm đạt chứng nhận OCOP',
    nameEn: 'Product certified OCOP',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: true,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.certificate.producerId),
    template: productCertifiedTemplate,
    portalPath: (d) => dossierPath(d.dossierId),
  }),
  defineWorkflow<CertificateExpiringV1>({
    id: 'certificate-expiring',
    audience: PRODUCERS,
    eventType: RatingEvents.certificateExpiring,
    nameVi: 'Giấy chứng nhận sắp hết hạn (90, 30, 7 ngày)',
    nameEn: 'Certificate expiring (90, 30, 7 days)',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: certificateExpiringTemplate,
    portalPath: () => DOSSIERS,
  }),
  defineWorkflow<CertificateExpiredV1>({
    id: 'certificate-expired',
    audience: PRODUCERS,
    eventType: RatingEvents.certificateExpired,
    nameVi: 'Giấy chứng nhận hết hạn',
    nameEn: 'Certificate expired',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: true,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: certificateExpiredTemplate,
    portalPath: () => DOSSIERS,
  }),
  defineWorkflow<CertificateRevokedV1>({
    id: 'certificate-revoked',
    audience: PRODUCERS,
    eventType: RatingEvents.certificateRevoked,
    nameVi: 'Giấy chứng nhận bị thu hồi',
    nameEn: 'Certificate revoked',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: true,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: certificateRevokedTemplate,
    portalPath: () => DOSSIERS,
  }),
  defineWorkflow<BatchRecalledV1>({
    id: 'batch-recalled',
    audience: PRODUCERS,
    eventType: TraceabilityEvents.batchRecalled,
    nameVi: 'Lô hàng bị thu hồi',
    nameEn: 'Batch recalled',
    channels: BOTH,
    critical: true,
    digest: false,
    webhooks: true,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.batch.producerId),
    template: batchRecalledTemplate,
    portalPath: (d) => batchPath(d.batch.batchId),
  }),
  defineWorkflow<ScanSuspiciousV1>({
    id: 'scan-suspicious',
    audience: PRODUCERS,
    eventType: LookupEvents.scanSuspicious,
    nameVi: 'Nhãn bị quét bất thường',
    nameEn: 'Suspicious label scans',
    channels: BOTH,
    critical: false,
    digest: true,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.producerId),
    template: scanSuspiciousTemplate,
    portalPath: (d) => batchPath(d.batchId),
  }),
  defineWorkflow<LinkedNotice<ReportFiledV1>>({
    id: 'report-filed',
    audience: OFFICERS,
    eventType: LookupEvents.reportFiled,
    nameVi: 'Phản ánh mới của người tiêu dùng cần xử lý',
    nameEn: 'New consumer report to handle',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    // Without a known product the report has no place: the province-wide officers take it.
    recipients: (e, accounts, m) => accounts.officersCoveringPlaces(m, e.data.places),
    template: reportFiledOfficerTemplate,
    portalPath: reportPortalPath,
  }),
  defineWorkflow<LinkedNotice<ReportFiledV1>>({
    id: 'report-filed-producer',
    audience: PRODUCERS,
    eventType: LookupEvents.reportFiled,
    nameVi: 'Người tiêu dùng phản ánh về sản phẩm của bạn',
    nameEn: 'A consumer reported a problem with your product',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: async (e, accounts, m) =>
      e.data.producerId ? accounts.producerAccounts(m, e.data.producerId) : [],
    template: reportFiledProducerTemplate,
    portalPath: reportPortalPath,
  }),
  defineWorkflow<GrowingAreaChangedV1>({
    id: 'growing-area-issued',
    audience: PRODUCERS,
    eventType: TraceabilityEvents.growingAreaIssued,
    nameVi: 'Vùng trồng được cấp mã',
    nameEn: 'Growing-area code issued',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.growingArea.producerId),
    template: growingAreaIssuedTemplate,
    portalPath: (d) => growingAreaPath(d.growingArea.growingAreaId),
  }),
  defineWorkflow<GrowingAreaChangedV1>({
    id: 'growing-area-rejected',
    audience: PRODUCERS,
    eventType: TraceabilityEvents.growingAreaRejected,
    nameVi: 'Hồ sơ cấp mã vùng trồng bị từ chối',
    nameEn: 'Growing-area code refused',
    channels: BOTH,
    critical: false,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) => accounts.producerAccounts(m, e.data.growingArea.producerId),
    template: growingAreaRejectedTemplate,
    portalPath: (d) => growingAreaPath(d.growingArea.growingAreaId),
  }),
  defineWorkflow<OpenedAccountMail>({
    id: 'account-invitation',
    audience: ROLES,
    eventType: IdentityEvents.invitationIssued,
    nameVi: 'Lời mời sử dụng nền tảng',
    nameEn: 'Invitation to the platform',
    channels: ['email'],
    critical: true,
    digest: false,
    webhooks: false,
    recipients: async (e) => addressee(e.data),
    template: invitationTemplate,
    accountMail: { path: '/chap-nhan-loi-moi' },
  }),
  defineWorkflow<OpenedAccountMail>({
    id: 'password-reset',
    audience: ROLES,
    eventType: IdentityEvents.passwordResetRequested,
    nameVi: 'Đặt lại mật khẩu',
    nameEn: 'Password reset',
    channels: ['email'],
    critical: true,
    digest: false,
    webhooks: false,
    recipients: async (e) => addressee(e.data),
    template: passwordResetTemplate,
    accountMail: { path: '/dat-lai-mat-khau' },
  }),
  defineWorkflow<RegistrationRepeatedV1>({
    id: 'registration-repeated',
    audience: PRODUCERS,
    eventType: IdentityEvents.registrationRepeated,
    nameVi: 'Có người đăng ký lại bằng thông tin của bạn',
    nameEn: 'Someone registered again with your details',
    channels: BOTH,
    critical: true,
    digest: false,
    webhooks: false,
    recipients: (e, accounts, m) =>
      e.data.accountId
        ? accounts.byIds(m, [e.data.accountId])
        : accounts.producerAccounts(m, e.data.producerId ?? ''),
    template: registrationRepeatedTemplate,
  }),
] as unknown as readonly Workflow[];

export const WORKFLOW_IDS: readonly string[] = WORKFLOWS.map((w) => w.id);

/**
 * The workflows an event starts: usually one; two when its readers need different notices (a consumer report: the
 * officers' case and the producer's notice, each with its own preference).
 */
export function workflowsFor(eventType: string): Workflow[] {
  const found = WORKFLOWS.filter((w) => w.eventType === eventType);
  if (!found.length) throw new Error(`No notification workflow for ${eventType}`);
  return found;
}

export function workflowById(id: string): Workflow | undefined {
  return WORKFLOWS.find((w) => w.id === id);
}

/** Event types a webhook subscription may ask for. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = WORKFLOWS.filter((w) => w.webhooks).map(
  (w) => w.eventType,
);
