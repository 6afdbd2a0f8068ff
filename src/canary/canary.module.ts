import { Module } from '@nestjs/common';
import { CanaryController } from './canary.controller.js';
import { CanaryRepository } from './canary.repository.js';
import { CanaryService } from './canary.service.js';

@Module({
  controllers: [CanaryController],
  providers: [CanaryService, CanaryRepository],
  exports: [CanaryService],
})
export class CanaryModule {}
