import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { AuthoritiesController } from './authorities.controller.js';
import { AuthoritiesService } from './authorities.service.js';

@Module({
  imports: [RecordsModule],
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService],
})
export class AuthoritiesModule {}
