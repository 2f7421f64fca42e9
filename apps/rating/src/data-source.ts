import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { Certificate } from './certificates/certificate.entity';
import { RatingConfig } from './config';
import { Attachment, ChecklistEntry, Dossier } from './dossiers/dossier.entity';
import { RatingSchema1733100000000 } from './migrations/1733100000000-rating-schema';
import { CouncilImpartiality1733113000000 } from './migrations/1733113000000-council-impartiality';
import { AccountView, ProducerView, ProductView } from './read-model/views.entity';
import { RubricSheets1733131000000 } from './migrations/1733131000000-rubric-sheets';
import { RulesOfPeriodAndCentral1733140000000 } from './migrations/1733140000000-rules-of-period-and-central';
import { MinistryDecision } from './central/ministry-decision.entity';
import { CertificateValidityThroughDay1733150000000 } from './migrations/1733150000000-certificate-validity-through-day';
import { AnnualTargets1733150100000 } from './migrations/1733150100000-annual-targets';
import { ScoresheetSpreadNotes1733160000000 } from './migrations/1733160000000-scoresheet-spread-notes';
import { Round } from './rounds/round.entity';
import { RubricSheet } from './rubrics/rubric-sheet.entity';
import { Result, Scoresheet } from './scoring/scoring.entity';

export const SERVICE_NAME = 'rating';

export const ratingEntities = [
  ProducerView,
  ProductView,
  AccountView,
  Round,
  Dossier,
  ChecklistEntry,
  Attachment,
  Scoresheet,
  Result,
  Certificate,
  RubricSheet,
  MinistryDecision,
  ...messagingEntities,
];

export const ratingMigrations = [
  ...messagingMigrations,
  RatingSchema1733100000000,
  CouncilImpartiality1733113000000,
  RubricSheets1733131000000,
  RulesOfPeriodAndCentral1733140000000,
  CertificateValidityThroughDay1733150000000,
  AnnualTargets1733150100000,
  ScoresheetSpreadNotes1733160000000,
];

export function ratingDataSourceOptions(config: RatingConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: ratingEntities,
    migrations: ratingMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
