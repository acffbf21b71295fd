/**
 * CPF numbers and holder names, as the original checked them: 11 digits, not
 * all alike, both check digits right; names compared upper-cased without
 * accents (the registry holds `MARIA DA CONCEICAO` for `Maria da Conceição`).
 */

/** True for 11 digits (nothing else) with valid check digits, not one digit repeated. */
export function isValidCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const check = (length: number) => {
    const sum = digits.slice(0, length).reduce((total, digit, i) => total + digit * (length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === digits[9] && check(10) === digits[10];
}

/** The name as the registry compares it: no accents, upper case, single spaces. */
export function registryName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim().replace(/\s+/g, ' ');
}
