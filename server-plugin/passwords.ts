/**
 * Collection passwords. bcrypt reads only the first 72 bytes of its input, so a long
 * password (128 characters may be 512 UTF-8 bytes) would match anything sharing its
 * first 72 bytes. Hashing the password with SHA-256 first and feeding bcrypt the
 * base64 digest (44 ASCII bytes, no NUL) makes every byte count. Passwords are checked
 * by PasswordVerifier (password-verifier.ts), which feeds bcrypt the same `bcryptInput`.
 */
import { createHash } from 'node:crypto';
import bcrypt from 'bcrypt';

/** What bcrypt is given for `password`, when hashing and when checking. */
export function bcryptInput(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}

/** @example const hash = await hashPassword('s3cret', 12); */
export async function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(bcryptInput(password), rounds);
}
