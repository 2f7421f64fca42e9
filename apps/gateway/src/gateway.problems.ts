import { bilingual, DomainError } from '@ocop/contracts';

/** The gateway's own problems; every other problem a browser sees is the service's, passed on as it was. */
export const GatewayProblems = {
  unauthenticated: () =>
    new DomainError(
      'session-required',
      401,
      bilingual('Cần đăng nhập', 'Sign-in required'),
      bilingual('phiên đăng nhập không có hoặc đã kết thúc', 'no session, or it has ended'),
    ),
  sessionExpired: () =>
    new DomainError(
      'session-expired',
      401,
      bilingual('Phiên đăng nhập đã hết hạn', 'Session expired'),
      bilingual('vui lòng đăng nhập lại', 'please sign in again'),
    ),
  csrfRefused: (why: string) =>
    new DomainError(
      'csrf-refused',
      403,
      bilingual('Yêu cầu bị từ chối (CSRF)', 'Request refused (CSRF)'),
      why,
    ),
  /** Identity's routes that answer with tokens, called with a session: the tokens would land in page script. */
  sessionEndpoint: (instead: string) =>
    new DomainError(
      'use-session-endpoint',
      403,
      bilingual('Hãy dùng phiên đăng nhập', 'Use the session endpoint'),
      bilingual(
        `với phiên đăng nhập, hãy gọi ${instead} (mã truy cập không bao giờ đến trình duyệt)`,
        `with a session, call ${instead} (tokens never reach the browser)`,
      ),
      { instead },
    ),
  unknownService: (name: string) =>
    new DomainError(
      'unknown-service',
      404,
      bilingual('Không có dịch vụ này', 'No such service'),
      bilingual(`không có dịch vụ "${name}" sau /api`, `there is no service "${name}" under /api`),
    ),
  serviceUnavailable: (service: string) =>
    new DomainError(
      'service-unavailable',
      503,
      bilingual('Dịch vụ tạm thời không phản hồi', 'Service unavailable'),
      bilingual(
        `dịch vụ ${service} không nhận kết nối; thử lại sau`,
        `${service} is not answering; try later`,
      ),
      { service },
    ),
  serviceTimeout: (service: string) =>
    new DomainError(
      'service-timeout',
      504,
      bilingual('Dịch vụ phản hồi quá chậm', 'Service timed out'),
      bilingual(`dịch vụ ${service} không trả lời kịp`, `${service} did not answer in time`),
      { service },
    ),
  badGateway: (service: string) =>
    new DomainError(
      'bad-gateway',
      502,
      bilingual('Dịch vụ trả lời không hợp lệ', 'Bad gateway'),
      bilingual(`câu trả lời của dịch vụ ${service} không dùng được`, `${service} gave an unusable answer`),
      { service },
    ),
};
