import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RecordsModule } from '../records/records.module.js';
import { UsersController } from '../users/users.controller.js';
import { UsersService } from '../users/users.service.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SignInThrottle } from './sign-in-throttle.js';

/** Accounts, sign-in and the guard that every route passes. */
@Global()
@Module({
  imports: [RecordsModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    SignInThrottle,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
