// CMS users: only an Owner manages licenses (R22).
import * as z from 'zod/mini';
import { lineText } from './primitives.js';
import { parseWith, type Result } from './result.js';

export const USER_TYPES = ['Owner', 'Admin', 'Supervisor', 'User'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const UserTypeSchema = z.enum(USER_TYPES);

export const CmsUserSchema = z.strictObject({
  username: lineText(64),
  userType: UserTypeSchema,
});
export type CmsUser = z.output<typeof CmsUserSchema>;

export const parseUserType = (input: unknown): Result<UserType> =>
  parseWith(UserTypeSchema, input, 'user type');
export const parseCmsUser = (input: unknown): Result<CmsUser> => parseWith(CmsUserSchema, input, 'CMS user');
