import { Controller, Get, HttpCode, Module, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorator.js';
import { AuditTrailService } from '../audit/audit-trail.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrailService,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database check' })
  @ApiOkResponse({
    description:
      "`audit` is `signing`, or `not_signing` with `auditDetail` when the service refuses to extend an audit trail it cannot verify (status `degraded`).",
    schema: { example: { status: 'ok', database: 'up', audit: 'signing' } },
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async check() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    const refused = this.auditTrail.signingRefusedBecause();
    return refused
      ? { status: 'degraded', database: 'up', audit: 'not_signing', auditDetail: refused }
      : { status: 'ok', database: 'up', audit: 'signing' };
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
