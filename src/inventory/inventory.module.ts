import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { InventoryController } from './inventory.controller.js';
import { InventoryService } from './inventory.service.js';

@Module({
  imports: [RecordsModule],
  controllers: [InventoryController],
  providers: [InventoryService],
})
export class InventoryModule {}
