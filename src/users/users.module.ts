import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts: who may sign in, with which role; managed by admins. */
@Module({
  imports: [RecordsModule],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
