/** What a contact's WhatsApp id may be: its digits, 10 to 20 of them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { whatsappIdField } from '../../../functions/pytake/contacts/contact-schema.ts';

describe('Function: whatsappIdField', () => {
  it('keeps only the digits of a formatted number', () => {
    expect(z.parse(whatsappIdField, '+55 (11) 98765-4321')).toBe('5511987654321');
  });

  it('accepts exactly the inputs with 10 to 20 digits (up to 40 characters), answering those digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('0', '1', '5', '9', ' ', '+', '-', '(', ')', 'a') }), (input) => {
        const digits = input.replace(/\D/g, '');
        const parsed = z.safeParse(whatsappIdField, input);
        expect(parsed.success).toBe(digits.length >= 10 && digits.length <= 20);
        if (parsed.success) expect(parsed.data).toBe(digits);
      }),
    );
  });
});
