import { Global, Module } from '@nestjs/common';
import { DigitalLinks } from './digital-links.service';

@Global()
@Module({ providers: [DigitalLinks], exports: [DigitalLinks] })
export class DigitalLinkModule {}
