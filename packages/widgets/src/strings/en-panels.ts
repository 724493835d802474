// English strings of the Manage Licenses action panels; they load with the panels. Other
// languages' tables hold these keys too.

/**
 * Words for the stable codes a SmartServer answers with: refused files (`FILE_…`), refused tokens
 * of a file, per-license results of a download or return, and errors. A code not listed here
 * shows the SmartServer's own message.
 */
const codes: Record<string, string> = {
  NETWORK: 'The SmartServer could not be reached. Check the connection and try again.',
  TIMEOUT: 'The SmartServer did not answer in time. Try again.',
  BAD_RESPONSE: 'The SmartServer gave an answer that could not be read.',
  UNAVAILABLE: 'The license cloud cannot be reached right now. Try again later.',
  BAD_GATEWAY: 'The license cloud answered with an error. Try again later.',
  NO_ACCOUNT: 'Link this SmartServer to a customer account first, in Manage Customer Accounts.',
  NOT_OWNER: 'Only the SmartServer Owner can manage licenses.',
  FORBIDDEN: 'Only the SmartServer Owner can manage licenses.',

  FILE_REPLAYED:
    'This activation file was added before, so nothing was changed. For more licenses, create a new activation request.',
  FILE_WRONG_SMARTSERVER:
    'This activation file was made for another SmartServer. Create an activation request on this SmartServer and ask for a file for it.',
  FILE_BAD_SIGNATURE:
    'This activation file is not signed by the license cloud, or it was changed after it was made. Nothing was changed.',
  FILE_UNSUPPORTED_VERSION:
    'This activation file is of an older kind that is no longer accepted. Create an activation request and ask for a new file.',
  FILE_MALFORMED: 'This is not an activation file.',
  FILE_TOO_LARGE: 'This file is too large to be an activation file.',
  FILE_FROM_FUTURE: 'This activation file is dated in the future. Check the clock of this SmartServer.',

  REVOKED:
    'This activation ended: the license was returned from this SmartServer or released in the cloud. It is not accepted again.',
  WRONG_AUDIENCE: 'This license was made for another SmartServer.',
  BAD_SIGNATURE: 'This license is not signed by the license cloud.',
  UNKNOWN_KEY: 'This license is signed with a key this SmartServer does not know yet.',
  WRONG_ISSUER: 'This license comes from another license cloud.',
  EXPIRED: 'This license has to be downloaded again: its token has run out.',
  SUPERSEDED: 'This License ID was replaced when the license was transferred. Use the new License ID.',
  DUPLICATE: 'The same license is in the file twice; only the newer one counts.',
  CLOCK_ROLLBACK: 'The clock of this SmartServer is behind the time it saw before. Check the clock.',
  NOT_YET_VALID: 'This license is not valid yet. Check the clock of this SmartServer.',
  ISSUED_IN_FUTURE: 'This license is dated in the future. Check the clock of this SmartServer.',

  BOUND_ELSEWHERE: 'This license is activated on another SmartServer. Return it there first.',
  ALREADY_ACTIVATED: 'This license is activated on another SmartServer. Return it there first.',
  NOT_FOUND: 'This license is not in the customer account.',
  NOT_IN_ACCOUNT: 'This license is not in the customer account.',
  NOT_HERE: 'This license is not activated on this SmartServer.',
  RETURN_PENDING:
    'This license was returned from this SmartServer and the cloud has not confirmed it yet. Deliver the pending return first.',
};

export const enPanels = {
  codes,

  smartServerId: 'SmartServer ID',
  installCode: 'Install Code',
  installCodeHint:
    "Made from this SmartServer's own key. The License Customer Portal and the License Partner Portal show it too, so you can compare.",
  copyInstallCode: 'Copy Install Code',
  copied: 'Install Code copied.',
  copyFailed: 'The Install Code could not be copied: select it and copy it yourself.',
  customerId: 'Customer ID',
  customerIdHint: 'A UUID such as 2133c667-af41-4518-94df-a2bb3b775330, from your partner.',
  customerIdInvalid: 'Enter a Customer ID in the form 2133c667-af41-4518-94df-a2bb3b775330.',
  noAccount: 'None yet',
  linkAccount: 'Link this SmartServer to a customer account',
  accountUnknown: 'No customer account has this Customer ID. Check it with your partner.',
  keyConflict: (installCode: string) =>
    `This customer account already holds another key for this SmartServer, so it cannot be linked. ` +
    `A partner (in the License Partner Portal) or the customer (in the License Customer Portal) must reset ` +
    `this SmartServer's registration there. Compare the Install Code the portal shows with this ` +
    `SmartServer's, ${installCode}, before resetting, then link again.`,
  save: 'Save',
  saved: 'Saved.',

  listCloud: 'List licenses in the cloud',
  cloudEmpty: 'The account holds no licenses.',
  activatedOn: (sc: string) => `Activated on ${sc}`,
  downloadSelected: 'Download selected',
  progress: (done: number, total: number) => `Downloaded ${done} of ${total}`,
  resultOk: 'Done',
  resultFailed: (message: string) => `Failed: ${message}`,

  requestStep: '1. Create an activation request',
  requestHint:
    'The request is a file that names this SmartServer and its key. Take it to the License Customer Portal to choose device-capacity licenses for this SmartServer, or send it to support for a maintenance license. You get an activation file back.',
  createRequest: 'Create activation request',
  requestSaved: (name: string) =>
    `Saved ${name}. Take it to the License Customer Portal, or send it to support for maintenance.`,
  fileStep: '2. Add the activation file',
  chooseFile: 'Activation file',
  dropHint: 'Choose the activation file you got back, or drop it here.',
  fileTooLarge: 'This file is too large to be an activation file.',
  fileIsRequest:
    'This is the activation request, not an activation file. Take it to the License Customer Portal or to support, then add the activation file you get back.',
  fileIsReceipt:
    'This is a return receipt. Upload it in the License Customer Portal; here, add activation files only.',
  token: (n: number) => `Token ${n}`,

  days: 'Days before expiry',
  daysHint: 'Whole days, separated by commas, e.g. 60, 30, 7.',
  recipients: 'Recipients',
  recipientsHint: 'Email addresses, separated by commas.',
  daysInvalid: 'Enter up to 12 whole days from 0 to 365, each day once, separated by commas.',
  recipientsInvalid: 'Enter up to 20 email addresses, each once, separated by commas.',

  returnSelectFirst: 'Select the licenses to return in the table first.',
  returnWarning:
    'Returned licenses stop counting on this SmartServer at once. The license cloud frees them for another SmartServer when it receives the return.',
  returnAllWarning:
    'This returns every capacity license: no capacity is left, and device access, scheduling and data logging stop.',
  confirmReturn: (n: number) => (n === 1 ? 'Return 1 license' : `Return ${n} licenses`),
  returnWaiting: 'No longer counts here; the cloud has not been told yet',
  returnNotDelivered:
    'The returned license no longer counts on this SmartServer, but the license cloud could not be reached to hear of it. This SmartServer tells the cloud as soon as it can be reached; until then the license cannot be activated on another SmartServer.',
  working: 'Working…',

  pendingTitle: 'Returns the cloud has not heard of yet',
  pendingIntro:
    'These licenses no longer count on this SmartServer. The cloud is told as soon as it can be reached. If this SmartServer cannot reach it, download the return receipt and upload it in the License Customer Portal.',
  returnedOn: (day: string) => `returned ${day}`,
  lastTry: (error: string) => `Last try: ${error}`,
  downloadReceipt: 'Download return receipt',
  downloadReceiptFor: (licenseId: string) => `Download return receipt (license ${licenseId})`,
  receiptSaved: (name: string) => `Saved ${name}. Upload it in the License Customer Portal.`,
  allDelivered: 'The cloud has heard of every return.',
  stillWaiting: (n: number) =>
    n === 1
      ? 'The cloud still cannot be reached: 1 return is waiting.'
      : `The cloud still cannot be reached: ${n} returns are waiting.`,
};

export type PanelStrings = typeof enPanels;
