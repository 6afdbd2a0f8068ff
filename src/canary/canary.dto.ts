import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class StatementDto {
  @ApiProperty() de: string;
  @ApiProperty() en: string;
}

class CanaryFieldsDto {
  @ApiProperty({ enum: ['0.1'] }) version: string;
  @ApiProperty() domain: string;
  @ApiProperty() organisation: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ description: 'Ed25519 public key, SPKI PEM.' }) pubkey: string;
  @ApiProperty({ format: 'date-time' }) release: string;
  @ApiProperty({ format: 'date-time' }) expiry: string;
  @ApiProperty() nonce: string;
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'CanaryTail codes of what has not happened (GAG).',
  })
  codes: string[];
  @ApiPropertyOptional({ enum: ['none'] }) nationalSecurityRequests?: string;
  @ApiProperty({ type: StatementDto }) statement: StatementDto;
}

class CanaryDocumentDto {
  @ApiProperty({ type: CanaryFieldsDto }) canary: CanaryFieldsDto;
}

export class CanaryDto {
  @ApiProperty({ type: CanaryDocumentDto, description: 'The signed document, parsed.' })
  canary: CanaryDocumentDto;
  @ApiProperty({
    description: 'The signed document: verify the signature over these exact UTF-8 bytes.',
  })
  document: string;
  @ApiProperty({ description: 'Ed25519 signature, base64.' }) signature: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: string;
  @ApiProperty() keyId: string;
  @ApiProperty() publicKeyPem: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'Past its expiry: it was not renewed in time.' }) expired: boolean;
}

export class CanaryStatusDto {
  @ApiProperty({ type: CanaryDto, nullable: true }) current: CanaryDto | null;
  @ApiProperty({ description: 'Whether its statements are true now, so it can be renewed.' })
  renewable: boolean;
  @ApiProperty({ enum: ['gag_in_force', 'national_security_request'], isArray: true })
  refusedBecause: string[];
  @ApiProperty({ type: 'integer' }) validDays: number;
}
