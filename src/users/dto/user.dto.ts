import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../access/permissions.js';
import { BooleanField, EnumField, TextField } from '../../common/validators.js';
import { RecordMetaDto } from '../../records/record-meta.dto.js';
import { PASSWORD_MIN } from '../../auth/passwords.js';

export class CreateUserDto {
  @ApiProperty({ example: 'lawyer@example.org' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @TextField({ max: 200, example: 'Dr. Erika Mustermann' })
  displayName: string;

  @EnumField(ROLES, { example: 'lawyer' })
  role: Role;

  @TextField({
    min: PASSWORD_MIN,
    max: 200,
    description: `Initial password, at least ${PASSWORD_MIN} characters.`,
  })
  password: string;
}

export class UpdateUserDto {
  @TextField({ required: false, max: 200 })
  displayName?: string;

  @EnumField(ROLES, { required: false })
  role?: Role;

  @BooleanField({
    required: false,
    description: 'A disabled user cannot sign in; their tokens stop working at once.',
  })
  disabled?: boolean;
}

export class SetPasswordDto {
  @TextField({ min: PASSWORD_MIN, max: 200 })
  password: string;
}

export class UserDto extends RecordMetaDto {
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt: string | null;
  @ApiProperty({ format: 'date-time' }) passwordChangedAt: string;
}

export class UserListItemDto extends UserDto {
  @ApiProperty({ description: 'Whether the user has a confirmed second factor (TOTP).' })
  secondFactorEnrolled: boolean;
}
