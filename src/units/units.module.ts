import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

@Module({
  imports: [RecordsModule],
  controllers: [UnitsController],
  providers: [UnitsService],
})
export class UnitsModule {}
