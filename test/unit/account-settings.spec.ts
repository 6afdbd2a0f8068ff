import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { assertStrongPassword } from '../../src/auth/password-strength.js';
import { pairDelaySeconds } from '../../src/auth/sign-in-throttle.js';
import { parseTrustProxy } from '../../src/config/accounts.settings.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { ValidationFailedError } from '../../src/errors/domain-errors.js';

const problemOf = async (f: () => Promise<void>) => {
  try {
    await f();
    return null;
  } catch (e) {
    if (e instanceof ValidationFailedError) return e.errors?.[0] ?? null;
    throw e;
  }
};

describe('TRUST_PROXY', () => {
  it('is off by default and when set to off', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(loadConfig({}).accounts.trustProxy).toBe(false);
  });

  it('takes a hop count or a list of addresses and CIDR ranges', () => {
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
    ]);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1/32' }).accounts.trustProxy).toEqual([
      '127.0.0.1/32',
    ]);
  });

  it.each([
    'true',
    'yes',
    '0',
    '11',
    '10.0.0.0/33',
    '::1/129',
    'proxy.example',
    '10.0.0.1/8/1',
    '10.0.0.0/',
  ])('refuses %j at start-up, naming the variable', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('second-factor policy settings', () => {
  it('requires a second factor for admins and the board by default, after 72 hours of grace', () => {
    expect(loadConfig({}).accounts.secondFactor).toEqual({
      requiredRoles: ['admin', 'board'],
      graceHours: 72,
    });
  });

  it('takes a list of roles, none, and a grace period in hours', () => {
    expect(
      loadConfig({ SECOND_FACTOR_REQUIRED_ROLES: 'admin, lawyer', SECOND_FACTOR_GRACE_HOURS: '0' })
        .accounts.secondFactor,
    ).toEqual({
      requiredRoles: ['admin', 'lawyer'],
      graceHours: 0,
    });
    expect(
      loadConfig({ SECOND_FACTOR_REQUIRED_ROLES: 'none' }).accounts.secondFactor.requiredRoles,
    ).toEqual([]);
    expect(() => loadConfig({ SECOND_FACTOR_REQUIRED_ROLES: 'admin,root' })).toThrow(
      /SECOND_FACTOR_REQUIRED_ROLES/,
    );
    expect(() => loadConfig({ SECOND_FACTOR_GRACE_HOURS: '-1' })).toThrow(
      /SECOND_FACTOR_GRACE_HOURS/,
    );
  });

  it('writes the access log unless ACCESS_LOG=off', () => {
    expect(loadConfig({}).accessLog).toBe(true);
    expect(loadConfig({ ACCESS_LOG: 'off' }).accessLog).toBe(false);
  });
});

describe('sign-in delays', () => {
  it('lets an account and address fail four times freely, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(pairDelaySeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 50].map(pairDelaySeconds)).toEqual([
      15, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });
});

describe('password strength', () => {
  const user = { email: 'erika.mustermann@example.org', displayName: 'Erika Mustermann' };

  it.each([
    ['aaaaaaaaaaaa', /too easy to guess.*repeated/i],
    [' '.repeat(12), /too easy to guess/],
    ['erika.mustermann@example.org', /too easy to guess.*personal/i],
    ['Mustermann2024', /too easy to guess/],
    ['passwort1234', /too easy to guess/],
    ['Passwort123456', /too easy to guess/],
    ['short', /at least 12 characters/],
  ])('refuses %j, naming the field, with the estimator’s feedback', async (password, message) => {
    const error = await problemOf(() => assertStrongPassword('newPassword', password, user));
    expect(error?.field).toBe('newPassword');
    expect(error?.message).toMatch(message);
  });

  it('accepts the test password and random demo passwords', async () => {
    expect(
      await problemOf(() => assertStrongPassword('password', 'correct horse battery staple', user)),
    ).toBeNull();
    for (let i = 0; i < 20; i++) {
      const demo = randomBytes(12).toString('base64url');
      expect(await problemOf(() => assertStrongPassword('password', demo, user))).toBeNull();
    }
  });
});
