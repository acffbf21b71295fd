/**
 * Kraliki password storage: scrypt (shared/auth/scrypt.ts). One choice for the
 * whole service; the reference's bcrypt hashes are not imported (its users
 * register again).
 */
export { hashPassword, verifyPassword } from '#shared/auth/scrypt';
