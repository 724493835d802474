// The devices this SmartServer manages (R11) and the ones that held a licence at the last
// computation (R12: they keep it when devices are added).
import type { Device } from '@smartserver-licensing/schemas';
import type { Queryable } from '@smartserver-licensing/server-kit';

interface DeviceRow {
  id: string;
  name: string;
  created_at: Date;
  protocol: Device['protocol'];
  is_smartserver: boolean;
}

export class Devices {
  constructor(private readonly db: Queryable) {}

  /** Every device, oldest first. */
  async list(): Promise<Device[]> {
    const rows = await this.db.query<DeviceRow>('SELECT * FROM devices ORDER BY created_at, id');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      protocol: r.protocol,
      isSmartServer: r.is_smartserver,
    }));
  }

  async add(device: Device): Promise<void> {
    await this.db.query(
      'INSERT INTO devices (id, name, created_at, protocol, is_smartserver) VALUES ($1, $2, $3, $4, $5)',
      [device.id, device.name, device.createdAt, device.protocol, device.isSmartServer],
    );
  }

  /** The devices that held a licence when the state was last computed. */
  async licensedIds(): Promise<string[]> {
    const rows = await this.db.query<{ device_id: string }>('SELECT device_id FROM licensed_devices');
    return rows.map((r) => r.device_id);
  }

  /** Records who holds a licence now, inside `tx`. */
  async setLicensed(tx: Queryable, ids: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM licensed_devices');
    if (ids.length > 0)
      await tx.query('INSERT INTO licensed_devices (device_id) SELECT unnest($1::text[])', [ids]);
  }
}
