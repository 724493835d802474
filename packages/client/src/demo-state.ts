// Made-up license states for stories, tests and demos. The figures are whatever the options say:
// nothing here applies the licensing rules (that is the policy package's job).
import type {
  DeviceStatus,
  LicenseEntry,
  LicenseState,
  MaintenanceStatus,
} from '@smartserver-licensing/schemas';

export interface DemoStateOptions {
  /** Devices defined, the SmartServer included (default 12). */
  devices?: number;
  /** Licensed capacity (default 50). Devices beyond it are marked unlicensed. */
  capacity?: number;
  /** License entries listed (default: one capacity and one maintenance license, none at capacity 0). */
  licenses?: number;
  maintenance?: { status: MaintenanceStatus; endDate: string | null; daysLeft: number | null };
  /** Show the red badge (default: capacity is zero or below the devices, as a SmartServer would say). */
  badge?: boolean;
  autoOpen?: boolean;
  everActivated?: boolean;
  segmentController?: string;
  /** Replaces the name of every device and license note, e.g. with a hostile string. */
  text?: string;
  computedAt?: string;
  timeZone?: string;
}

/** A UUID that is a pure function of `n`, so stories and tests can name licenses. */
export const demoLicenseId = (n: number): string =>
  `5e0c0de0-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const CAPACITY_MODELS = [
  ['72220-10', 10],
  ['72220-50', 50],
  ['72220-200', 200],
  ['72220-1000', 1000],
] as const;

export function demoLicenseState(options: DemoStateOptions = {}): LicenseState {
  const deviceCount = options.devices ?? 12;
  const capacity = options.capacity ?? 50;
  const licensedDevices = Math.min(capacity, deviceCount);
  const segmentController = options.segmentController ?? 'Building 1 SmartServer';
  const start = Date.UTC(2025, 0, 1);
  const devices: DeviceStatus[] = Array.from({ length: deviceCount }, (_, i) => ({
    id: i === 0 ? 'smartserver' : `dev-${String(i).padStart(5, '0')}`,
    name: i === 0 ? segmentController : (options.text ?? `${['AHU', 'VAV', 'Meter', 'Lamp'][i % 4]} ${i}`),
    createdAt: new Date(start + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    protocol: i === 0 ? 'iap' : (['lon', 'bacnet', 'modbus', 'mbus'] as const)[i % 4]!,
    isSmartServer: i === 0,
    licensed: i < licensedDevices,
  }));
  const licenseCount = options.licenses ?? (capacity > 0 ? 2 : 0);
  const maintenance = options.maintenance ?? { status: 'active', endDate: '2028-12-31', daysLeft: 900 };
  const licenses: LicenseEntry[] = Array.from({ length: licenseCount }, (_, i) => {
    const [model, size] = CAPACITY_MODELS.find(([, c]) => c >= capacity) ?? CAPACITY_MODELS[3];
    const base = {
      licenseId: demoLicenseId(i + 1),
      segmentController,
      activatedAt: new Date(start + i * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      note: options.text ?? (i === 0 ? 'Bought with the building' : ''),
      trial: false,
      status: 'active' as const,
    };
    return i % 2 === 1
      ? {
          ...base,
          kind: 'maintenance',
          model: `92201R-P-${size}` as LicenseEntry['model'],
          capacity: size,
          termYears: 3,
          termEnd: maintenance.endDate ?? '2025-12-31',
          status: maintenance.status === 'inactive' ? 'expired' : 'active',
        }
      : { ...base, kind: 'capacity', model, capacity: size };
  });
  return {
    schemaVersion: 1,
    computedAt: options.computedAt ?? '2026-03-01T12:00:00Z',
    timeZone: options.timeZone ?? 'UTC',
    product: { edition: 'SmartServer', version: '4.2' },
    licensingRequired: true,
    core: { required: false, licensed: false },
    capacity: {
      licensed: capacity,
      used: deviceCount,
      unlicensed: deviceCount - licensedDevices,
      badge: options.badge ?? (capacity === 0 || capacity < deviceCount),
    },
    maintenance: { ...maintenance, coveredDevices: maintenance.status === 'inactive' ? 0 : capacity },
    licenses,
    devices,
    findings: [],
    manageLicenses: {
      autoOpen: options.autoOpen ?? false,
      everActivated: options.everActivated ?? licenseCount > 0,
    },
  };
}
