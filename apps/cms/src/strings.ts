// The CMS page's own words, one table per language; the widgets bring their own tables.
import type { DeviceProtocol, UserType } from '@smartserver-licensing/schemas';

/** Languages the page offers; the widgets speak both. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Protocols a person may give a new device; `iap` is the SmartServer's own. */
export type NewDeviceProtocol = Exclude<DeviceProtocol, 'iap'>;
export const NEW_DEVICE_PROTOCOLS: readonly NewDeviceProtocol[] = [
  'lon',
  'bacnet',
  'modbus',
  'mbus',
  'other',
];

const en = {
  appTitle: 'SmartServer CMS',
  language: 'Language',
  languageNames: { en: 'English', de: 'Deutsch' } as Record<Language, string>,
  checkingSession: 'Checking your session…',
  loginTitle: 'Log in',
  username: 'User name',
  password: 'Password',
  logIn: 'Log in',
  loggingIn: 'Logging in…',
  logOut: 'Log out',
  signedInAs: (username: string, userType: UserType) => `Signed in as ${username} (${userType})`,
  smartServer: 'SmartServer',
  dashboard: 'Dashboard',
  devices: 'Devices',
  addDevice: 'Add device',
  deviceName: 'Name',
  deviceProtocol: 'Protocol',
  protocols: {
    lon: 'LON',
    bacnet: 'BACnet',
    modbus: 'Modbus',
    mbus: 'M-Bus',
    other: 'Other',
  } as Record<NewDeviceProtocol, string>,
  deviceAdded: (name: string) => `Device “${name}” was added.`,
  operationDone: 'Done.',
  sessionEnded: 'Your session has ended. Please log in again.',
  unreachable: 'The SmartServer could not be reached.',
  unexpected: (status: number) => `The SmartServer answered with status ${status}.`,
};

export type CmsStrings = typeof en;

const de: CmsStrings = {
  appTitle: 'SmartServer CMS',
  language: 'Sprache',
  languageNames: { en: 'English', de: 'Deutsch' },
  checkingSession: 'Sitzung wird geprüft …',
  loginTitle: 'Anmelden',
  username: 'Benutzername',
  password: 'Passwort',
  logIn: 'Anmelden',
  loggingIn: 'Anmeldung läuft …',
  logOut: 'Abmelden',
  signedInAs: (username, userType) => `Angemeldet als ${username} (${userType})`,
  smartServer: 'SmartServer',
  dashboard: 'Übersicht',
  devices: 'Geräte',
  addDevice: 'Gerät hinzufügen',
  deviceName: 'Name',
  deviceProtocol: 'Protokoll',
  protocols: { lon: 'LON', bacnet: 'BACnet', modbus: 'Modbus', mbus: 'M-Bus', other: 'Andere' },
  deviceAdded: (name) => `Gerät „${name}“ wurde hinzugefügt.`,
  operationDone: 'Erledigt.',
  sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  unreachable: 'Der SmartServer ist nicht erreichbar.',
  unexpected: (status) => `Der SmartServer antwortete mit Status ${status}.`,
};

const tables: Record<Language, CmsStrings> = { en, de };

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export const cmsStrings = (language: Language): CmsStrings => tables[language];
