// Identifiers of the licensing domain.
import * as z from 'zod/mini';
import { lineText, uuid } from './primitives.js';
import { parseWith, type Result } from './result.js';

/** A customer licensing account, e.g. `2133c667-af41-4518-94df-a2bb3b775330`. */
export const CustomerIdSchema = uuid;
export type CustomerId = z.output<typeof CustomerIdSchema>;

/** A license (the Customer Portal calls it an EID), e.g. `b1e52546-f2db-4053-b2dd-2ab2fa7732d2`. */
export const LicenseIdSchema = uuid;
export type LicenseId = z.output<typeof LicenseIdSchema>;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * A SmartServer's id, the one a license is bound to (`aud` of its tokens):
 * 1..64 characters, letters, digits and `. _ : -`, starting with a letter or digit.
 */
export const SmartServerIdSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(64, 'must be at most 64 characters'),
    z.regex(ID_PATTERN, 'may hold only letters, digits and . _ : - and must start with a letter or digit'),
  );
export type SmartServerId = z.output<typeof SmartServerIdSchema>;

/** A device's id on one SmartServer: like a SmartServer id, up to 128 characters. */
export const DeviceIdSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(128, 'must be at most 128 characters'),
    z.regex(ID_PATTERN, 'may hold only letters, digits and . _ : - and must start with a letter or digit'),
  );
export type DeviceId = z.output<typeof DeviceIdSchema>;

/** The name a SmartServer (segment controller) shows for itself. */
export const SegmentControllerNameSchema = lineText(64);
export type SegmentControllerName = z.output<typeof SegmentControllerNameSchema>;

export const parseCustomerId = (input: unknown): Result<CustomerId> =>
  parseWith(CustomerIdSchema, input, 'Customer ID');
export const parseLicenseId = (input: unknown): Result<LicenseId> =>
  parseWith(LicenseIdSchema, input, 'License ID');
export const parseSmartServerId = (input: unknown): Result<SmartServerId> =>
  parseWith(SmartServerIdSchema, input, 'SmartServer id');
export const parseDeviceId = (input: unknown): Result<DeviceId> =>
  parseWith(DeviceIdSchema, input, 'device id');
