import { Module } from '@nestjs/common';
import { SiteReviews } from './site-reviews.service';

@Module({ providers: [SiteReviews], exports: [SiteReviews] })
export class SiteCodesModule {}
