// The context through which <lic-license-provider> hands its source to every component below it.
import { createContext } from '@lit/context';
import type { LicenseSource } from '@smartserver-licensing/client';

export const licenseSourceContext = createContext<LicenseSource | undefined>(
  Symbol.for('lic-license-source'),
);
