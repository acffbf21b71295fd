import { describe, expect, it } from 'vitest';
import { checkInviteToken, newInviteToken } from '../../../functions/penhas/guardians/invite-token.ts';
import { parseMobile } from '../../../functions/penhas/guardians/phone.ts';

const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; details: { extra?: { field: string; reason: string } } };
  }
  throw new Error('did not throw');
};

describe('parseMobile', () => {
  it('reads Brazilian mobiles in any way the user types them, carrier prefix included', () => {
    for (const typed of ['11 912341234', '(11) 91234-1234', '+55 11 91234-1234', '021 11 912341234', ' 11912341234 ']) {
      expect(parseMobile(typed, '')).toEqual({ e164: '+5511912341234', national: '(11) 91234-1234' });
    }
  });

  it('writes other countries with their code in front, North America with dashes', () => {
    expect(parseMobile('+14842918467', '')).toEqual({ e164: '+14842918467', national: '+1 484-291-8467' });
    expect(parseMobile('+351 912 345 678', '')).toEqual({ e164: '+351912345678', national: '+351 912 345 678' });
  });

  it('refuses a number that does not exist in Brazil (parser_error)', () => {
    const error = failureOf(() => parseMobile('11 81144666', ''));
    expect([error.code, error.details.extra]).toEqual(['parser_error', { field: 'celular', reason: 'invalid' }]);
    expect(failureOf(() => parseMobile('abc', '')).code).toBe('parser_error');
  });

  it('refuses landlines and service numbers (number_is_not_mobile)', () => {
    const error = failureOf(() => parseMobile('11 31144666', ''));
    expect(error.code).toBe('number_is_not_mobile');
    expect(error.message).toBe('O número +55 (11) 3114-4666 não pode ser usado para envio de SMS. Use o número do celular do guardião.');
    expect(failureOf(() => parseMobile('0800 123 4567', '')).code).toBe('number_is_not_mobile');
    expect(failureOf(() => parseMobile('+1 800 555 0199', '')).code).toBe('number_is_not_mobile');
  });

  it('refuses countries outside GUARDS_ALLOWED_COUNTRY_CODES when it is set (contry_not_allowed, sic)', () => {
    expect(failureOf(() => parseMobile('+1 484 2918 467', ',55,')).code).toBe('contry_not_allowed');
    expect(parseMobile('11 912341234', ',55,').e164).toBe('+5511912341234');
  });
});

describe('invite tokens', () => {
  it('are 10 characters whose check matches', () => {
    for (let i = 0; i < 200; i++) {
      const token = newInviteToken();
      expect(token).toMatch(/^[A-Z0-9\-._]{7}[0-9A-F]{3}$/);
      expect(() => checkInviteToken(token)).not.toThrow();
    }
  });

  it('tell a malformed token from a mistyped one', () => {
    expect(failureOf(() => checkInviteToken('short')).code).toBe('token_invalid_format');
    expect(failureOf(() => checkInviteToken('abcdefg123')).code).toBe('token_invalid_format');
    const token = newInviteToken();
    const wrongCheck = `${token.slice(0, 7)}${token.slice(7) === '0AA' ? '0AB' : '0AA'}`;
    expect(failureOf(() => checkInviteToken(wrongCheck)).code).toBe('token_invalid_hash');
  });
});
