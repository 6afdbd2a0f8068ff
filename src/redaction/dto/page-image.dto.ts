import { Transform } from 'class-transformer';
import { WholeNumberField, queryWholeNumber } from '../../common/validators.js';
import { DownloadFileQuery } from '../../files/dto/file.dto.js';
import { PAGE_DPI } from '../redact.js';

const int = queryWholeNumber();

/** Which version, as for a download, and the resolution. */
export class PageImageQuery extends DownloadFileQuery {
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
