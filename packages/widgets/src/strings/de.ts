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
  codes: {
    NETWORK: 'Der SmartServer ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
    TIMEOUT: 'Der SmartServer hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut.',
    BAD_RESPONSE: 'Die Antwort des SmartServers konnte nicht gelesen werden.',
    UNAVAILABLE: 'Die Lizenz-Cloud ist gerade nicht erreichbar. Versuchen Sie es später erneut.',
    BAD_GATEWAY: 'Die Lizenz-Cloud hat mit einem Fehler geantwortet. Versuchen Sie es später erneut.',
    NO_ACCOUNT:
      'Verknüpfen Sie diesen SmartServer zuerst unter „Kundenkonten verwalten“ mit einem Kundenkonto.',
    NOT_OWNER: 'Nur der Owner des SmartServers kann Lizenzen verwalten.',
    FORBIDDEN: 'Nur der Owner des SmartServers kann Lizenzen verwalten.',

    FILE_REPLAYED:
      'Diese Aktivierungsdatei wurde schon einmal hinzugefügt, daher wurde nichts geändert. Für weitere Lizenzen erstellen Sie eine neue Aktivierungsanfrage.',
    FILE_WRONG_SMARTSERVER:
      'Diese Aktivierungsdatei wurde für einen anderen SmartServer erstellt. Erstellen Sie auf diesem SmartServer eine Aktivierungsanfrage und fordern Sie dafür eine Datei an.',
    FILE_BAD_SIGNATURE:
      'Diese Aktivierungsdatei ist nicht von der Lizenz-Cloud signiert oder wurde nachträglich verändert. Es wurde nichts geändert.',
    FILE_UNSUPPORTED_VERSION:
      'Diese Aktivierungsdatei hat ein älteres Format, das nicht mehr angenommen wird. Erstellen Sie eine Aktivierungsanfrage und fordern Sie eine neue Datei an.',
    FILE_MALFORMED: 'Das ist keine Aktivierungsdatei.',
    FILE_TOO_LARGE: 'Diese Datei ist zu groß für eine Aktivierungsdatei.',
    FILE_FROM_FUTURE:
      'Diese Aktivierungsdatei ist in die Zukunft datiert. Prüfen Sie die Uhr dieses SmartServers.',

    REVOKED:
      'Diese Aktivierung ist beendet: Die Lizenz wurde von diesem SmartServer zurückgegeben oder in der Cloud freigegeben. Sie wird nicht wieder angenommen.',
    WRONG_AUDIENCE: 'Diese Lizenz wurde für einen anderen SmartServer erstellt.',
    BAD_SIGNATURE: 'Diese Lizenz ist nicht von der Lizenz-Cloud signiert.',
    UNKNOWN_KEY: 'Diese Lizenz ist mit einem Schlüssel signiert, den dieser SmartServer noch nicht kennt.',
    WRONG_ISSUER: 'Diese Lizenz stammt aus einer anderen Lizenz-Cloud.',
    EXPIRED: 'Diese Lizenz muss erneut heruntergeladen werden: Ihr Token ist abgelaufen.',
    SUPERSEDED: 'Diese Lizenz-ID wurde bei einer Übertragung ersetzt. Verwenden Sie die neue Lizenz-ID.',
    DUPLICATE: 'Dieselbe Lizenz steht zweimal in der Datei; nur die neuere zählt.',
    CLOCK_ROLLBACK:
      'Die Uhr dieses SmartServers geht hinter eine schon gesehene Zeit zurück. Prüfen Sie die Uhr.',
    NOT_YET_VALID: 'Diese Lizenz ist noch nicht gültig. Prüfen Sie die Uhr dieses SmartServers.',
    ISSUED_IN_FUTURE: 'Diese Lizenz ist in die Zukunft datiert. Prüfen Sie die Uhr dieses SmartServers.',

    BOUND_ELSEWHERE:
      'Diese Lizenz ist auf einem anderen SmartServer aktiviert. Geben Sie sie dort zuerst zurück.',
    ALREADY_ACTIVATED:
      'Diese Lizenz ist auf einem anderen SmartServer aktiviert. Geben Sie sie dort zuerst zurück.',
    NOT_FOUND: 'Diese Lizenz ist nicht im Kundenkonto.',
    NOT_IN_ACCOUNT: 'Diese Lizenz ist nicht im Kundenkonto.',
    NOT_HERE: 'Diese Lizenz ist auf diesem SmartServer nicht aktiviert.',
    RETURN_PENDING:
      'Diese Lizenz wurde von diesem SmartServer zurückgegeben, und die Cloud hat das noch nicht bestätigt. Stellen Sie zuerst die ausstehende Rückgabe zu.',
  },
  smartServerId: 'SmartServer-ID',
  installCode: 'Installationscode',
  installCodeHint:
    'Aus dem eigenen Schlüssel dieses SmartServers gebildet. Das License Customer Portal und das License Partner Portal zeigen ihn ebenfalls, zum Vergleichen.',
  copyInstallCode: 'Installationscode kopieren',
  copied: 'Installationscode kopiert.',
  copyFailed: 'Der Installationscode konnte nicht kopiert werden: Markieren und kopieren Sie ihn selbst.',
  customerId: 'Kunden-ID',
  customerIdHint: 'Eine UUID wie 2133c667-af41-4518-94df-a2bb3b775330, von Ihrem Partner.',
  customerIdInvalid: 'Geben Sie eine Kunden-ID der Form 2133c667-af41-4518-94df-a2bb3b775330 ein.',
  noAccount: 'Noch keine',
  linkAccount: 'Diesen SmartServer mit einem Kundenkonto verknüpfen',
  accountUnknown: 'Kein Kundenkonto hat diese Kunden-ID. Prüfen Sie sie mit Ihrem Partner.',
  keyConflict: (installCode) =>
    `Dieses Kundenkonto enthält bereits einen anderen Schlüssel für diesen SmartServer, daher kann er nicht verknüpft werden. ` +
    `Ein Partner (im License Partner Portal) oder der Kunde (im License Customer Portal) muss die Registrierung ` +
    `dieses SmartServers dort zurücksetzen. Vergleichen Sie vorher den Installationscode im Portal mit dem dieses ` +
    `SmartServers, ${installCode}, und verknüpfen Sie danach erneut.`,
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
  requestStep: '1. Aktivierungsanfrage erstellen',
  requestHint:
    'Die Anfrage ist eine Datei, die diesen SmartServer und seinen Schlüssel nennt. Bringen Sie sie in das License Customer Portal, um Gerätekapazitätslizenzen für diesen SmartServer zu wählen, oder senden Sie sie für eine Wartungslizenz an den Support. Sie erhalten eine Aktivierungsdatei zurück.',
  createRequest: 'Aktivierungsanfrage erstellen',
  requestSaved: (name) =>
    `${name} gespeichert. Bringen Sie die Datei in das License Customer Portal oder senden Sie sie für Wartung an den Support.`,
  fileStep: '2. Aktivierungsdatei hinzufügen',
  chooseFile: 'Aktivierungsdatei',
  dropHint: 'Wählen Sie die erhaltene Aktivierungsdatei oder legen Sie sie hier ab.',
  fileTooLarge: 'Diese Datei ist zu groß für eine Aktivierungsdatei.',
  fileIsRequest:
    'Das ist die Aktivierungsanfrage, keine Aktivierungsdatei. Bringen Sie sie in das License Customer Portal oder zum Support und fügen Sie dann die Aktivierungsdatei hinzu, die Sie zurückerhalten.',
  fileIsReceipt:
    'Das ist eine Rückgabequittung. Laden Sie sie im License Customer Portal hoch; hier werden nur Aktivierungsdateien hinzugefügt.',
  token: (n) => `Token ${n}`,

  notifications: 'Benachrichtigungen bearbeiten',
  days: 'Tage vor Ablauf',
  daysHint: 'Ganze Tage, durch Kommas getrennt, z. B. 60, 30, 7.',
  recipients: 'Empfänger',
  recipientsHint: 'E-Mail-Adressen, durch Kommas getrennt.',
  daysInvalid: 'Geben Sie bis zu 12 ganze Tage von 0 bis 365 ein, jeden Tag einmal, durch Kommas getrennt.',
  recipientsInvalid: 'Geben Sie bis zu 20 E-Mail-Adressen ein, jede einmal, durch Kommas getrennt.',

  returnToCloud: 'An die Cloud zurückgeben',
  returnSelectFirst: 'Wählen Sie zuerst in der Tabelle die Lizenzen aus, die zurückgegeben werden sollen.',
  returnWarning:
    'Zurückgegebene Lizenzen zählen auf diesem SmartServer sofort nicht mehr. Die Lizenz-Cloud gibt sie für einen anderen SmartServer frei, sobald sie die Rückgabe erhält.',
  returnAllWarning:
    'Damit werden alle Kapazitätslizenzen zurückgegeben: Es bleibt keine Kapazität, Gerätezugriff, Zeitpläne und Datenaufzeichnung stoppen.',
  confirmReturn: (n) => (n === 1 ? '1 Lizenz zurückgeben' : `${n} Lizenzen zurückgeben`),
  returnWaiting: 'Zählt hier nicht mehr; die Cloud weiß es noch nicht',
  returnNotDelivered:
    'Die zurückgegebene Lizenz zählt auf diesem SmartServer nicht mehr, aber die Lizenz-Cloud war nicht erreichbar, um davon zu erfahren. Dieser SmartServer teilt es der Cloud mit, sobald sie erreichbar ist; bis dahin kann die Lizenz auf keinem anderen SmartServer aktiviert werden.',
  working: 'Bitte warten …',

  pendingTitle: 'Rückgaben, von denen die Cloud noch nichts weiß',
  pendingIntro:
    'Diese Lizenzen zählen auf diesem SmartServer nicht mehr. Die Cloud erfährt davon, sobald sie erreichbar ist. Erreicht dieser SmartServer sie nicht, laden Sie die Rückgabequittung herunter und laden Sie sie im License Customer Portal hoch.',
  returnedOn: (day) => `zurückgegeben am ${day}`,
  lastTry: (error) => `Letzter Versuch: ${error}`,
  downloadReceipt: 'Rückgabequittung herunterladen',
  downloadReceiptFor: (licenseId) => `Rückgabequittung herunterladen (Lizenz ${licenseId})`,
  receiptSaved: (name) => `${name} gespeichert. Laden Sie die Datei im License Customer Portal hoch.`,
  allDelivered: 'Die Cloud weiß von allen Rückgaben.',
  stillWaiting: (n) =>
    n === 1
      ? 'Die Cloud ist weiterhin nicht erreichbar: 1 Rückgabe wartet.'
      : `Die Cloud ist weiterhin nicht erreichbar: ${n} Rückgaben warten.`,
};
