// German strings: the same keys as the English table.
import type { LicStrings } from './en.js';

export const de: LicStrings = {
  loading: 'Lizenzstatus wird geladen …',
  error: 'Der Lizenzstatus konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  close: 'Schließen',
  back: 'Zurück',
  notRequired: 'Diese Version benötigt keine Lizenz.',

  capacity: 'Gerätekapazität',
  capacityValue: (used, licensed) => `${used} von ${licensed} Geräten`,
  capacityShort: (used, licensed) => `${used} / ${licensed}`,
  capacityNone: 'Es ist keine Gerätekapazität lizenziert.',
  capacityBadge: 'Die Kapazität reicht nicht für die definierten Geräte',
  unlicensedCount: (n) => (n === 1 ? '1 Gerät ist nicht lizenziert' : `${n} Geräte sind nicht lizenziert`),

  maintenance: 'Wartung',
  maintenanceWording: {
    active: () => 'Aktiv',
    expiring: (d) => `Läuft ab am ${d}`,
    inactive: () => 'Inaktiv',
  },
  maintenanceWordingDated: {
    active: () => 'Aktiv',
    expiring: (d) => `Läuft ab ${d}`,
    inactive: (d) => (d === null ? 'Inaktiv' : `Abgelaufen ${d}`),
  },
  maintenanceEnds: (d) => `Die Wartung endet am ${d}`,
  maintenanceEnded: (d) => `Die Wartung endete am ${d}`,
  maintenanceNone: 'Keine Wartungslizenz',

  licensed: 'Lizenziert',
  unlicensed: 'Nicht lizenziert',
  unknownDevice: 'Unbekanntes Gerät',
  operations: {
    provision: 'Provisionieren',
    'read-datapoints': 'Datenpunkte lesen',
    'write-datapoints': 'Datenpunkte schreiben',
    'create-device': 'Gerät anlegen',
    'define-datapoint-properties': 'Datenpunkteigenschaften festlegen',
    'define-connections': 'Verbindungen festlegen',
    'define-bacnet-server': 'BACnet-Server festlegen',
    'set-up-schedules': 'Zeitpläne einrichten',
    'define-sequences': 'Sequenzen festlegen',
  },
  refusals: {
    DEVICE_UNLICENSED:
      'Dieses Gerät ist nicht lizenziert: Gerätekapazität unter „Lizenzen verwalten“ hinzufügen.',
    CORE_LICENSE_MISSING:
      'SmartServer Pi benötigt dafür eine Core-Lizenz: unter „Lizenzen verwalten“ hinzufügen.',
    NO_CAPACITY: 'Es ist keine Gerätekapazität lizenziert.',
    NOT_OWNER: 'Nur der Owner des SmartServers kann Lizenzen verwalten.',
    UNKNOWN_DEVICE: 'Dieses Gerät ist nicht definiert.',
    UNKNOWN_OPERATION: 'Dieser Vorgang ist unbekannt.',
  },

  devices: 'Geräte',
  filter: 'Nach Name oder ID filtern',
  statusFilter: 'Lizenzstatus',
  all: 'Alle',
  name: 'Name',
  protocol: 'Protokoll',
  status: 'Status',
  created: 'Angelegt',
  actions: 'Vorgänge',
  noDevices: 'Es sind keine Geräte definiert.',
  noMatches: 'Kein Gerät entspricht dem Filter.',
  shown: (n, total) => `${n} von ${total} Geräten`,

  manageLicenses: 'Lizenzen verwalten',
  ownerOnly: 'Nur der Owner des SmartServers kann Lizenzen verwalten.',
  licensesTable: 'Lizenzen auf diesem SmartServer',
  select: (id) => `Lizenz ${id} auswählen`,
  segmentController: 'Segment-Controller',
  description: 'Beschreibung',
  activated: 'Aktiviert',
  licenseId: 'Lizenz-ID',
  note: 'Notiz',
  noteFor: (id) => `Notiz zur Lizenz ${id}`,
  noteSaved: 'Notiz gespeichert.',
  noLicenses: 'Auf diesem SmartServer ist noch keine Lizenz aktiviert.',
  licenseStatus: {
    active: 'Aktiv',
    scheduled: 'Geplant',
    expired: 'Abgelaufen',
    superseded: 'Ersetzt',
  },
  describe: (kind, capacity, termYears, trial) =>
    kind === 'core'
      ? 'Core-Lizenz'
      : kind === 'maintenance'
        ? `Kapazität ${capacity} Geräte, ${termYears ?? 1} Jahr${(termYears ?? 1) > 1 ? 'e' : ''} Wartung`
        : `Kapazität ${capacity} Geräte${trial ? ', Test' : ''}`,

  accounts: 'Kundenkonten verwalten',
  customerId: 'Kunden-ID',
  customerIdHint: 'Eine UUID wie 2133c667-af41-4518-94df-a2bb3b775330, von Ihrem Partner.',
  customerIdInvalid: 'Geben Sie eine Kunden-ID der Form 2133c667-af41-4518-94df-a2bb3b775330 ein.',
  currentAccount: (id) => `Dieser SmartServer verwendet das Kundenkonto ${id}.`,
  noAccount: 'Es ist kein Kundenkonto festgelegt.',
  save: 'Speichern',
  saved: 'Gespeichert.',

  download: 'Lizenzen aus der Cloud herunterladen',
  listCloud: 'Lizenzen in der Cloud anzeigen',
  cloudEmpty: 'Das Konto enthält keine Lizenzen.',
  activatedOn: (sc) => `Aktiviert auf ${sc}`,
  downloadSelected: 'Auswahl herunterladen',
  progress: (done, total) => `${done} von ${total} heruntergeladen`,
  resultOk: 'Erledigt',
  resultFailed: (message) => `Fehlgeschlagen: ${message}`,

  addLicense: 'Lizenz hinzufügen',
  chooseFile: 'Aktivierungsdatei',
  dropHint: 'Wählen Sie eine Offline-Aktivierungsdatei oder legen Sie sie hier ab.',
  fileTooLarge: 'Diese Datei ist zu groß für eine Aktivierungsdatei.',
  token: (n) => `Token ${n}`,

  notifications: 'Benachrichtigungen bearbeiten',
  days: 'Tage vor Ablauf',
  daysHint: 'Ganze Tage, durch Kommas getrennt, z. B. 60, 30, 7.',
  recipients: 'Empfänger',
  recipientsHint: 'E-Mail-Adressen, durch Kommas getrennt.',

  returnToCloud: 'An die Cloud zurückgeben',
  returnSelectFirst: 'Wählen Sie zuerst in der Tabelle die Lizenzen aus, die zurückgegeben werden sollen.',
  returnWarning:
    'Zurückgegebene Lizenzen zählen auf diesem SmartServer sofort nicht mehr und können anderswo wieder heruntergeladen werden. Die Rückgabe braucht eine Verbindung zur Cloud.',
  returnAllWarning:
    'Damit werden alle Kapazitätslizenzen zurückgegeben: Es bleibt keine Kapazität, Gerätezugriff, Zeitpläne und Datenaufzeichnung stoppen.',
  confirmReturn: (n) => (n === 1 ? '1 Lizenz zurückgeben' : `${n} Lizenzen zurückgeben`),
  working: 'Bitte warten …',
};
