import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../src/common/cursor.js';
import { ValidationFailedError } from '../../src/errors/domain-errors.js';

const ID = '5b96fd13-39f9-40cf-96c5-b1f6bb023ff9';
const token = (json: string) => Buffer.from(json).toString('base64url');

describe('keyset cursors', () => {
  it('give back what was encoded, for any value up to 400 characters and any UUID', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: 'grapheme' }).filter((s) => s.length <= 400),
        fc.uuid(),
        (value, id) => {
          const encoded = encodeCursor({ value, id });
          return (
            /^[A-Za-z0-9_-]*$/.test(encoded) &&
            JSON.stringify(decodeCursor(encoded)) === JSON.stringify({ value, id })
          );
        },
      ),
    );
  });

  it('keeps a sort value with quotes, commas and umlauts intact', () => {
    const cursor = { value: 'Müller, "A" \\ 2015-01-15T10:45:00.000Z', id: ID.toUpperCase() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['empty', ''],
    ['not base64url JSON', 'not a cursor'],
    ['a JSON object', token(JSON.stringify({ value: 'a', id: ID }))],
    ['one element', token(JSON.stringify(['a']))],
    ['three elements', token(JSON.stringify(['a', ID, 'x']))],
    ['a number as value', token(JSON.stringify([1, ID]))],
    ['null as value', token(JSON.stringify([null, ID]))],
    ['an id that is no UUID', token(JSON.stringify(['a', 'x']))],
    ['an id with SQL in it', token(JSON.stringify(['a', `${ID}' OR '1'='1`]))],
    ['a value of 401 characters', token(JSON.stringify(['x'.repeat(401), ID]))],
    ['truncated', encodeCursor({ value: 'a', id: ID }).slice(0, -3)],
  ])('refuses %s, naming the field', (_, bad) => {
    let error: unknown;
    try {
      decodeCursor(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).errors).toEqual([
      { field: 'cursor', message: 'is not a cursor returned by this API' },
    ]);
  });

  it('accepts a value of exactly 400 characters', () => {
    expect(decodeCursor(token(JSON.stringify(['x'.repeat(400), ID]))).value).toHaveLength(400);
  });
});
