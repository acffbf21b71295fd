/**
 * The original's password policy (sign-up, password reset), in its order and
 * with its codes: no edge spaces, not a banned password, at least 8
 * characters, a digit, an ASCII letter, something else.
 */
import { badRequest } from '../errors.ts';

const RULES_TEXT = 'É necessário pelo menos 8 caracteres, pelo menos 1 letra, 1 número, e 1 carácter especial';

export interface PasswordProblem {
  code: string;
  message: string;
}

/** The first rule the password breaks, or undefined. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  if (!password || password.startsWith(' ') || password.endsWith(' ')) {
    return { code: 'warning_space_password', message: 'A senha não pode iniciar ou terminar com espaço' };
  }
  if (/^(12345.*|picture1|password|111111.*|123123.*|senha)$/is.test(password)) {
    return { code: 'pass_too_weak', message: 'A senha utilizada é muito simples, utilize uma senha melhor.' };
  }
  if ([...password].length < 8) return { code: 'pass_too_weak/size', message: `A senha utilizada é muito curta! ${RULES_TEXT}` };
  if (!/[0-9]/.test(password)) return { code: 'pass_too_weak/number', message: `A senha utilizada não usou números! ${RULES_TEXT}` };
  if (!/[A-Z]/i.test(password)) return { code: 'pass_too_weak/letter', message: `A senha utilizada não usou letras! ${RULES_TEXT}` };
  if (!/[^0-9A-Z]/i.test(password)) return { code: 'pass_too_weak/char', message: `A senha utilizada não usou caracteres especiais! ${RULES_TEXT}` };
  return undefined;
}

/** Throws the original's 400 for the first rule the password (field `senha`) breaks. */
export function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem.code, problem.message, 'senha');
}
