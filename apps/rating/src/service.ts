import { INestApplication } from '@nestjs/common';
import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { DOCUMENT_MEDIA_TYPES, ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { RatingConfig } from './config';
import { ratingDataSourceOptions, SERVICE_NAME } from './data-source';
import { ReminderScheduler } from './reminders/reminder-scheduler';
import { XLSX_TYPE } from './rubrics/spreadsheet-rows';

/** Besides messaging, a serving rating process fires certificate reminders (never an operator command). */
function connect(app: INestApplication): void {
  connectMessaging(app);
  app.get(ReminderScheduler).start();
}

/** Rating as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const ratingService: ServiceSpec<RatingConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP rating',
  description:
    'Bộ tiêu chí, đợt đánh giá, hồ sơ, hội đồng chấm điểm, hạng sao, giấy chứng nhận và báo cáo OCOP / OCOP rubrics, evaluation rounds, dossiers, council scoring, stars, certificates and reports.',
  configClass: RatingConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: ratingDataSourceOptions,
  connectMicroservices: connect,
  // Dossier files arrive as the file itself, certificate imports as the CSV itself (read as it arrives); both
  // larger than JSON bodies, and only on their own routes.
  uploadRoutes: (config) => ({
    'POST /dossiers/:dossierId/attachments/:itemCode': {
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      media: { types: DOCUMENT_MEDIA_TYPES, as: 'buffer' },
    },
    // Scoring sheets, as CSV or as a spreadsheet (decision 0031).
    'POST /rubrics/:version/sheets': {
      maxBytes: config.IMPORT_MAX_BYTES,
      media: { types: ['text/csv', 'text/plain', XLSX_TYPE], as: 'buffer' },
    },
    'POST /certificates/import': {
      maxBytes: config.IMPORT_MAX_BYTES,
      media: { types: ['text/csv', 'text/plain'], as: 'stream' },
    },
  }),
  commands: { dlq: deadLetterCommand },
};
