// CMS users: only an Owner manages licenses (R22).
import * as z from 'zod/mini';
import { parseWith, type Result } from './result.js';

export const USER_TYPES = ['Owner', 'Admin', 'Supervisor', 'User'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const UserTypeSchema = z.enum(USER_TYPES);

export const parseUserType = (input: unknown): Result<UserType> =>
  parseWith(UserTypeSchema, input, 'user type');
