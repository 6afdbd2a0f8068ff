import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RecordsModule } from '../records/records.module.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { BrowserSessionController } from './browser-session.controller.js';
import { AuthService } from './auth.service.js';
import { SecondFactorRepository } from './second-factor.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';

/** Sign-in, sessions and API tokens, and the guard that every route passes. */
@Global()
@Module({
  imports: [RecordsModule],
  controllers: [AuthController, BrowserSessionController],
  providers: [
    AuthService,
    SignInThrottle,
    SecondFactorRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
