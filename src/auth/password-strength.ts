import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationFailedError } from '../errors/domain-errors.js';

/** zxcvbn's scale is 0-4; 3 means "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;
import { PASSWORD_MIN } from './passwords.js';
export { PASSWORD_MIN };

/** Words every password of this service is checked against, besides the user's own data. */
const SERVICE_WORDS = ['case tracker', 'seizure', 'beschlagnahme', 'transparency'];

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment and some memory.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...de.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/**
 * Refuses a password that is short or easy to guess (zxcvbn-ts with English and German
 * dictionaries), with the user's e-mail address and name as context. The problem names `field`
 * and carries the estimator's feedback.
 */
export function assertStrongPassword(
  field: string,
  password: string,
  context: { email?: string; displayName?: string },
): void {
  if (password.length < PASSWORD_MIN) {
    throw new ValidationFailedError([
      { field, message: `must be at least ${PASSWORD_MIN} characters` },
    ]);
  }
  const inputs = [...SERVICE_WORDS];
  if (context.email)
    inputs.push(context.email, ...context.email.split(/[@.+_-]/).filter((p) => p.length > 2));
  if (context.displayName)
    inputs.push(
      context.displayName,
      ...context.displayName.split(/\s+/).filter((p) => p.length > 2),
    );
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const feedback = [result.feedback.warning, ...result.feedback.suggestions]
    .filter(Boolean)
    .join(' ');
  throw new ValidationFailedError([
    {
      field,
      message: `is too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed)${feedback ? `: ${feedback}` : ''}`,
    },
  ]);
}
