/**
 * PyTake password storage: scrypt (shared/auth/scrypt.ts); an unknown e-mail is
 * checked against the decoy hash, so it answers in the time a wrong password does.
 */
export { decoyHash, hashPassword, verifyPassword } from '#shared/auth/scrypt';
