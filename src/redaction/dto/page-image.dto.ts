import { Transform } from 'class-transformer';
import { WholeNumberField } from '../../common/validators.js';
import { PAGE_DPI } from '../redact.js';

const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;

export class PageImageQuery {
  @Transform(int)
  @WholeNumberField({
    required: false,
    min: 1,
    max: 100_000,
    description: 'Which version of the file (default: the newest).',
  })
  version?: number;

  @Transform(int)
  @WholeNumberField({
    required: false,
    min: PAGE_DPI.min,
    max: PAGE_DPI.max,
    default: PAGE_DPI.default,
    description: `Resolution in dots per inch (default ${PAGE_DPI.default}; lower for very large pages).`,
  })
  dpi?: number;
}
