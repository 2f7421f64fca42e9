import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';
import { SearchService } from './search.service';

@Module({ controllers: [CatalogueController], providers: [SearchService] })
export class SearchModule {}
