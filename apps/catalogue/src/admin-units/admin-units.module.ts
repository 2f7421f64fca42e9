import { Module } from '@nestjs/common';
import { AdminUnitsController } from './admin-units.controller';
import { BoundariesController } from './boundaries/boundaries.controller';
import { BoundariesService } from './boundaries/boundaries.service';

@Module({ controllers: [AdminUnitsController, BoundariesController], providers: [BoundariesService] })
export class AdminUnitsModule {}
