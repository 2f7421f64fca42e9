import { Global, Module } from '@nestjs/common';
import { RubricCatalog } from './rubric-catalog';
import { RubricsController } from './rubrics.controller';

/** The scoring sheets: seeded from the repository at start-up, then versioned in the database. */
@Global()
@Module({
  controllers: [RubricsController],
  providers: [RubricCatalog],
  exports: [RubricCatalog],
})
export class RubricsModule {}
