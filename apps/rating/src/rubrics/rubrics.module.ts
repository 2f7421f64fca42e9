import { Global, Logger, Module } from '@nestjs/common';
import { loadRubricCatalog, RubricCatalog } from './rubric-catalog';
import { RubricsController } from './rubrics.controller';

/** Reads and checks the sheets once at boot, and says in the log which ones will not be used. */
function catalogWithReport(): RubricCatalog {
  const catalog = loadRubricCatalog();
  const logger = new Logger('Rubrics');
  for (const version of catalog.validation()) {
    for (const set of version.sets.filter((s) => !s.usable)) {
      logger.warn(
        { version: version.version, setNo: set.setNo, errors: set.errors.map((e) => e.messageEn) },
        `Scoring sheet ${version.version} set ${set.setNo} does not add up and will not be used`,
      );
    }
  }
  return catalog;
}

@Global()
@Module({
  controllers: [RubricsController],
  providers: [{ provide: RubricCatalog, useFactory: catalogWithReport }],
  exports: [RubricCatalog],
})
export class RubricsModule {}
