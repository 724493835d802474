// English strings of the Manage Licenses action panels; they load with the panels. Other
// languages' tables hold these keys too.
export const enPanels = {
  customerId: 'Customer ID',
  customerIdHint: 'A UUID such as 2133c667-af41-4518-94df-a2bb3b775330, from your partner.',
  customerIdInvalid: 'Enter a Customer ID in the form 2133c667-af41-4518-94df-a2bb3b775330.',
  currentAccount: (id: string) => `This SmartServer uses customer account ${id}.`,
  noAccount: 'No customer account is set.',
  save: 'Save',
  saved: 'Saved.',

  listCloud: 'List licenses in the cloud',
  cloudEmpty: 'The account holds no licenses.',
  activatedOn: (sc: string) => `Activated on ${sc}`,
  downloadSelected: 'Download selected',
  progress: (done: number, total: number) => `Downloaded ${done} of ${total}`,
  resultOk: 'Done',
  resultFailed: (message: string) => `Failed: ${message}`,

  chooseFile: 'Activation file',
  dropHint: 'Choose an offline activation file, or drop it here.',
  fileTooLarge: 'This file is too large to be an activation file.',
  token: (n: number) => `Token ${n}`,

  days: 'Days before expiry',
  daysHint: 'Whole days, separated by commas, e.g. 60, 30, 7.',
  recipients: 'Recipients',
  recipientsHint: 'Email addresses, separated by commas.',

  returnSelectFirst: 'Select the licenses to return in the table first.',
  returnWarning:
    'Returned licenses stop counting on this SmartServer at once and can be downloaded again elsewhere. Returns need a connection to the cloud.',
  returnAllWarning:
    'This returns every capacity license: no capacity is left, and device access, scheduling and data logging stop.',
  confirmReturn: (n: number) => (n === 1 ? 'Return 1 license' : `Return ${n} licenses`),
  working: 'Working…',
};

export type PanelStrings = typeof enPanels;
