import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ValidationFailedError } from '../errors/domain-errors.js';
import { PASSWORD_MIN } from './passwords.js';

/** zxcvbn's scale is 0-4; 3 means "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** Words every password of this service is checked against, besides the user's own data. */
const SERVICE_WORDS = ['case tracker', 'seizure', 'beschlagnahme', 'transparency'];

let estimator: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  // Loaded on first use: the dictionaries are a few megabytes that most processes never need.
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, de] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-de'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...de.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return estimator;
}

/**
 * Refuses a password that is short or easy to guess (zxcvbn-ts with English and German
 * dictionaries), with the user's e-mail address and name as context. The problem names `field`
 * and carries the estimator's feedback.
 */
export async function assertStrongPassword(
  field: string,
  password: string,
  context: { email?: string; displayName?: string },
): Promise<void> {
  if (password.length < PASSWORD_MIN) {
    throw new ValidationFailedError([
      { field, message: `must be at least ${PASSWORD_MIN} characters`, code: 'password_too_short' },
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
  const result = (await zxcvbn()).check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const feedback = [result.feedback.warning, ...result.feedback.suggestions]
    .filter(Boolean)
    .join(' ');
  throw new ValidationFailedError([
    {
      field,
      message: `is too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed)${feedback ? `: ${feedback}` : ''}`,
      code: 'password_too_weak',
    },
  ]);
}
