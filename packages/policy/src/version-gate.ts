// Which releases license at all (R1) and which need a Core license (R2).
import {
  compareVersions,
  parseVersion,
  type Product,
  type ReleaseVersion,
} from '@smartserver-licensing/schemas';
import { PolicyError, guarded, ok, type PolicyResult } from './errors.js';

/** The first release with license management (R1). */
export const FIRST_LICENSED_RELEASE: ReleaseVersion = { major: 3, minor: 3, update: 0 };
/** The first release of SmartServer Pi, which needs a Core license (R2). */
export const FIRST_PI_RELEASE: ReleaseVersion = { major: 4, minor: 2, update: 0 };

export interface ProductGate {
  edition: Product['edition'];
  version: ReleaseVersion;
  /** R1: false on 3.2 and older. */
  licensingRequired: boolean;
  /** R2: SmartServer Pi needs a Core license. */
  coreRequired: boolean;
}

/** Parses a release text, throwing a PolicyError that `guarded` turns into a result. */
export function releaseOf(text: string, what: string): ReleaseVersion {
  const parsed = parseVersion(text);
  if (!parsed.ok) throw new PolicyError('UNSUPPORTED_VERSION', `${what}: ${parsed.error.message}`);
  return parsed.value;
}

export function gateOf(product: Product): ProductGate {
  if (typeof product !== 'object' || product === null) {
    throw new PolicyError('INVALID_INPUT', 'product: expected { edition, version }');
  }
  const version = releaseOf(product.version, 'product.version');
  if (product.edition !== 'SmartServer' && product.edition !== 'SmartServer Pi') {
    throw new PolicyError('INVALID_INPUT', 'product.edition: must be SmartServer or SmartServer Pi');
  }
  const pi = product.edition === 'SmartServer Pi';
  if (pi && compareVersions(version, FIRST_PI_RELEASE) < 0) {
    throw new PolicyError('UNSUPPORTED_PRODUCT', 'SmartServer Pi exists from release 4.2');
  }
  return {
    edition: product.edition,
    version,
    licensingRequired: compareVersions(version, FIRST_LICENSED_RELEASE) >= 0,
    coreRequired: pi,
  };
}

/**
 * R1 and R2 for one product: whether it licenses at all, and whether it needs a Core license.
 * A release text that does not parse is `UNSUPPORTED_VERSION`.
 */
export function productGate(product: Product): PolicyResult<ProductGate> {
  return guarded('product', () => ok(gateOf(product)));
}
