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
import { BackupModule } from '../backup/backup.module.js';
import { BackupScheduler } from '../backup/backup-scheduler.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrailService,
    private readonly backups: BackupScheduler,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database check' })
  @ApiOkResponse({
    description:
      '`audit` is `signing`, or `not_signing` with `auditDetail` when the service refuses to extend an audit trail it cannot verify (status `degraded`). `backups.status`: off (no BACKUP_DIR), not run yet, ok, or failing (details in the log).',
    schema: {
      example: {
        status: 'ok',
        database: 'up',
        audit: 'signing',
        backups: { status: 'ok', lastSuccessAt: '2026-12-01T03:00:00.000Z' },
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async check() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer.');
    }
    const refused = this.auditTrail.signingRefusedBecause();
    const backups = this.backups.health();
    return refused
      ? { status: 'degraded', database: 'up', audit: 'not_signing', auditDetail: refused, backups }
      : { status: 'ok', database: 'up', audit: 'signing', backups };
  }
}

@Module({ imports: [BackupModule], controllers: [HealthController] })
export class HealthModule {}
