import { AUTHORITY_KINDS, type AuthorityKind } from '../../domain/vocabulary.js';
import { CountryField, EnumField, TextField } from '../../common/validators.js';

export class ListAuthoritiesQuery {
  @CountryField({ required: false })
  country?: string;

  @EnumField(AUTHORITY_KINDS, { required: false })
  kind?: AuthorityKind;

  @TextField({ required: false, max: 200, description: 'Part of the name, case-insensitive.' })
  q?: string;
}
