// The one LicenseState of now, computed from what is kept: every stored token verified
// (entitlements) and the verified claims handed to policy. It reads nothing and writes nothing:
// the store gathers the inputs, and keeps what the computation says to keep.
import {
  advanceClock,
  verifyEntitlements,
  type ClockState,
  type VerifyOptions,
} from '@smartserver-licensing/entitlements';
import { computeLicenseState, nextStateChangeAt, type RejectedLicense } from '@smartserver-licensing/policy';
import type { Device, LicenseClaims, LicenseState, Product } from '@smartserver-licensing/schemas';
import { ApiError } from '@smartserver-licensing/server-kit';
import type { StoredToken } from './tokens.js';

export interface Identity {
  smartServerId: string;
  /** The segment controller name shown per license (R23). */
  name: string;
  product: Product;
  timeZone: string;
}

export interface StateInputs {
  identity: Identity;
  tokens: readonly StoredToken[];
  /** What every token is checked with; its `now` is the moment the state is for. */
  verify: VerifyOptions & { now: Date };
  devices: Device[];
  /** The devices that held a licence at the last computation (R12). */
  licensedDeviceIds: string[];
  everActivated: boolean;
}

export interface ComputedState {
  state: LicenseState;
  /** The devices holding a licence now: to keep for the next computation (R12). */
  licensedDeviceIds: string[];
  /** The clock's high-water mark, moved forward to now (never back): to keep. */
  clock: ClockState;
  /** The moment (epoch ms) until which the state holds by the clock alone. */
  validUntil: number;
}

/** Verifies every stored token and asks policy for the LicenseState of `inputs.verify.now`. */
export async function computeState(inputs: StateInputs): Promise<ComputedState> {
  const { identity, tokens } = inputs;
  const now = inputs.verify.now;
  const batch = await verifyEntitlements(
    tokens.map((t) => t.token),
    inputs.verify,
  );
  const licenses: LicenseClaims[] = [];
  const rejected: RejectedLicense[] = [];
  batch.results.forEach((result, i) => {
    const row = tokens[i]!;
    // EXPIRED is only the token's refresh horizon: its license facts stay authentic and usable.
    if (result.usable && result.entitlement) {
      const note = row.note ?? result.entitlement.license.note;
      licenses.push({ ...result.entitlement.license, ...(note ? { note } : {}) } as LicenseClaims);
    } else {
      rejected.push({ licenseId: row.licenseId, code: result.code, message: result.message });
    }
  });
  const computed = computeLicenseState({
    product: identity.product,
    segmentController: identity.name,
    licenses,
    devices: inputs.devices,
    now,
    timeZone: identity.timeZone,
    licensedDeviceIds: inputs.licensedDeviceIds,
    everActivated: inputs.everActivated,
    rejected,
  });
  if (!computed.ok)
    throw new ApiError('INTERNAL', `the license state could not be computed: ${computed.error.message}`);
  const state = computed.value;
  // The high-water mark follows the clock forward (never back), so a later rollback shows.
  const seen = Math.floor(Date.parse(state.computedAt) / 1000);
  // The state holds until the clock alone changes it: the next midnight here, or a trial ending.
  const next = nextStateChangeAt(licenses, now, identity.timeZone);
  return {
    state,
    licensedDeviceIds: state.devices.filter((d) => d.licensed).map((d) => d.id),
    clock: advanceClock(batch.clock, seen, batch.clock?.latestIssuedAt ?? 0),
    validUntil: next.ok ? next.value : now.getTime() + 60_000,
  };
}
