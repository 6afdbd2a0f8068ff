import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../../common/problem.dto.js';
import { IsEmail, Matches, MaxLength } from 'class-validator';
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

export class SecondFactorSignInDto {
  @TextField({
    max: 100,
    description:
      'The challenge of the second-factor-required problem that POST /auth/sign-in answered.',
  })
  challenge: string;

  @ApiProperty({
    required: false,
    example: '123456',
    description: 'The current code of the authenticator app.',
  })
  @Matches(/^\d{6}$/, { message: 'must be the six digits of your authenticator app' })
  @TextField({ required: false, max: 6 })
  code?: string;

  @TextField({
    required: false,
    max: 40,
    description: 'Instead of `code`: one of the recovery codes (each works once).',
  })
  recoveryCode?: string;
}

export class SecondFactorCodeDto {
  @ApiProperty({ example: '123456', description: 'The current code of the authenticator app.' })
  @Matches(/^\d{6}$/, { message: 'must be the six digits of your authenticator app' })
  @TextField({ max: 6 })
  code: string;
}

export class SecondFactorEnrolmentDto {
  @ApiProperty({
    description: 'Base32 secret for the authenticator app (if it cannot read the URI).',
  })
  secret: string;
  @ApiProperty({ description: 'otpauth:// URI: show it as a QR code for the authenticator app.' })
  otpauthUri: string;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    description:
      'Ten single-use codes for when the authenticator is lost. Shown once; only their hashes are kept.',
  })
  recoveryCodes: string[];
}

export class ChangePasswordDto {
  @TextField({ max: 200 })
  currentPassword: string;

  @TextField({
    min: PASSWORD_MIN,
    max: 200,
    description: `At least ${PASSWORD_MIN} characters, and not easy to guess (zxcvbn score 3 of 4).`,
  })
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

const REQUIRED_ACTIONS = ['change_password', 'enrol_second_factor'];

export class SessionDto {
  @ApiProperty({ description: 'Send as Authorization: Bearer <token>. Shown once.' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserSummaryDto }) user: UserSummaryDto;
  @ApiProperty({
    enum: REQUIRED_ACTIONS,
    isArray: true,
    description:
      'Empty for a full session. Otherwise the session is restricted: it may only call /auth/me, ' +
      '/auth/sign-out, /auth/password and /auth/second-factor* until these are done.',
  })
  requiredActions: string[];
}

class SecondFactorStateDto {
  @ApiProperty() enrolled: boolean;
  @ApiProperty({ description: 'Whether this account must have one (its role, or an admin reset).' })
  required: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'From when sign-in is restricted without one.',
  })
  dueAt: string | null;
}

class PasswordResetDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, description: 'The admin who reset it.' }) by:
    string | null;
}

export class MeDto extends UserSummaryDto {
  @ApiProperty() restrictedSession: boolean;
  @ApiProperty({ enum: REQUIRED_ACTIONS, isArray: true }) requiredActions: string[];
  @ApiProperty({ type: SecondFactorStateDto }) secondFactor: SecondFactorStateDto;
  @ApiProperty({
    type: PasswordResetDto,
    nullable: true,
    description: "The last reset of this account's password by an admin.",
  })
  passwordReset: PasswordResetDto | null;
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

/** The 401 of sign-in: a plain problem, or with a challenge when a second factor is needed. */
export class SignInProblemDto extends ProblemDto {
  @ApiPropertyOptional({
    description:
      'With urn:problem-type:second-factor-required: send it to /auth/sign-in/second-factor.',
  })
  challenge?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the challenge expires.' })
  expiresAt?: string;
}

export class SignedOutEverywhereDto {
  @ApiProperty({ description: 'How many sessions were ended, this one included.' })
  revoked: number;
}
