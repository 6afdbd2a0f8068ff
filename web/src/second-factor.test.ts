import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { groupedSecret, secondFactorChallenge, secondFactorProof } from './second-factor';

describe('secondFactorChallenge', () => {
  const required = { type: 'urn:problem-type:second-factor-required', challenge: 'sct_abc' };

  it('reads the challenge of a 401 second-factor-required answer', () => {
    expect(secondFactorChallenge(new ApiError(401, required))).toBe('sct_abc');
  });

  it('is null for a plain wrong password, another status, or no API error', () => {
    expect(
      secondFactorChallenge(new ApiError(401, { type: 'urn:problem-type:unauthorized' })),
    ).toBeNull();
    expect(secondFactorChallenge(new ApiError(429, required))).toBeNull();
    expect(secondFactorChallenge(new Error('offline'))).toBeNull();
    expect(secondFactorChallenge(new ApiError(401, { type: required.type } as never))).toBeNull();
  });
});

describe('secondFactorProof', () => {
  it('sends six digits as the code, without the spaces an app shows', () => {
    expect(secondFactorProof(' 123 456 ', false)).toEqual({ code: '123456' });
  });

  it('sends a recovery code as typed, trimmed', () => {
    expect(secondFactorProof(' abcd-efgh ', true)).toEqual({ recoveryCode: 'abcd-efgh' });
  });
});

describe('groupedSecret', () => {
  it('groups the secret in fours for typing by hand', () => {
    expect(groupedSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
  });
});
