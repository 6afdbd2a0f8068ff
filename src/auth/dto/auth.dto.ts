import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { TextField, TimestampField } from '../../common/validators.js';
import { ROLES, type Role } from '../../access/permissions.js';

import { PASSWORD_MIN } from '../passwords.js';

export class SignInDto {
  @ApiProperty({ example: 'board@example.org', format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @TextField({ max: 200 })
  password: string;
}

export class ChangePasswordDto {
  @TextField({ max: 200 })
  currentPassword: string;

  @TextField({ min: PASSWORD_MIN, max: 200, description: `At least ${PASSWORD_MIN} characters.` })
  newPassword: string;
}

export class CreateApiTokenDto {
  @TextField({ max: 100, example: 'transparency report script' })
  name: string;

  @TimestampField({ description: 'At most 366 days from now.' })
  expiresAt: string;
}

export class UserSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SessionDto {
  @ApiProperty({ description: 'Send as Authorization: Bearer <token>. Shown once.' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserSummaryDto }) user: UserSummaryDto;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt: string | null;
}

export class NewApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored.' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class BrowserSessionDto {
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'The session ends after this many seconds without a request.' })
  idleTimeoutSeconds: number;
  @ApiProperty({ type: UserSummaryDto }) user: UserSummaryDto;
}
