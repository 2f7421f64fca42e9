import { Module } from '@nestjs/common';
import { AdminUnitsController } from './admin-units.controller';

@Module({ controllers: [AdminUnitsController] })
export class AdminUnitsModule {}
