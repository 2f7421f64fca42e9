import { Module } from '@nestjs/common';
import { LabelKeysController } from './label-keys.controller';
import { LabelKeys } from './label-keys.service';

@Module({ controllers: [LabelKeysController], providers: [LabelKeys], exports: [LabelKeys] })
export class SignaturesModule {}
