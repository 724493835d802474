import { expect, fixture, html } from '@open-wc/testing';
import { situationState } from '@smartserver-licensing/policy/testing';
import '../define/lic-device-license-status.js';
import { loadStrings } from '../strings/index.js';
import { $, shadowText } from '../../test/helpers.js';
import { checkOperation } from './device-operations.js';
import type { LicDeviceLicenseStatus } from './device-license-status.js';
import { template } from './device-license-status.stories.js';

const PURPLE_LIGHT = 'rgb(123, 31, 162)';

describe('<lic-device-license-status>', () => {
  // German loads on demand; tests that are not about that load it up front.
  before(() => loadStrings('de'));

  describe('rendering', () => {
    it('R11: a licensed device has a named icon', async () => {
      const el = await fixture<LicDeviceLicenseStatus>(template());
      const icon = $(el, '[role="img"]');
      expect(icon.getAttribute('aria-label')).to.equal('Licensed');
      expect(getComputedStyle(icon).color).to.not.equal(PURPLE_LIGHT);
    });

    it('R11: an unlicensed device is purple and says so', async () => {
      const el = await fixture<LicDeviceLicenseStatus>(
        template({ scenario: 'badge', deviceId: 'dev-000055' }),
      );
      const icon = $(el, '[role="img"]');
      expect(icon.getAttribute('aria-label')).to.equal('Unlicensed');
      expect(getComputedStyle(icon).color).to.equal(PURPLE_LIGHT);
    });

    it('the purple is a --lic-color-unlicensed token', async () => {
      const el = await fixture<LicDeviceLicenseStatus>(
        html`<lic-device-license-status
          style="--lic-color-unlicensed: rgb(1, 2, 3)"
          .state=${situationState('noLicense', { devices: 3 })}
          device-id="dev-000002"
        ></lic-device-license-status>`,
      );
      expect(getComputedStyle($(el, '[role="img"]')).color).to.equal('rgb(1, 2, 3)');
    });

    it('takes a device object directly', async () => {
      const device = situationState('licensed').devices[1]!;
      const el = await fixture<LicDeviceLicenseStatus>(
        html`<lic-device-license-status
          .device=${{ ...device, licensed: false }}
        ></lic-device-license-status>`,
      );
      expect($(el, '[role="img"]').getAttribute('aria-label')).to.equal('Unlicensed');
    });

    it('shows empty, loading and error states', async () => {
      expect(shadowText(await fixture(template({ deviceId: 'nope' })))).to.equal('Unknown device');
      expect(shadowText(await fixture(template({ scenario: 'loading' })))).to.contain('Loading');
      expect(shadowText(await fixture(template({ scenario: 'error' })))).to.contain('Connection refused');
    });

    it('speaks German', async () => {
      const el = await fixture<LicDeviceLicenseStatus>(
        template({ scenario: 'badge', deviceId: 'dev-000055', locale: 'de' }),
      );
      expect($(el, '[role="img"]').getAttribute('aria-label')).to.equal('Nicht lizenziert');
    });
  });

  describe('accessibility', () => {
    for (const [name, args] of [
      ['licensed', {}],
      ['unlicensed', { scenario: 'badge', deviceId: 'dev-000055' }],
      ['icon only', { scenario: 'badge', deviceId: 'dev-000055', showLabel: false }],
      ['unknown', { deviceId: 'nope' }],
      ['error', { scenario: 'error' }],
    ] as const) {
      it(`passes axe (${name})`, async () => {
        await expect(await fixture(template(args))).to.be.accessible();
      });
    }
  });

  describe('checkOperation helper', () => {
    const state = situationState('trial', { devices: 5 });

    it('R11: allows device-facing operations on a licensed device', () => {
      expect(checkOperation(state, 'provision', 'dev-000004')).to.deep.equal({ allowed: true });
    });

    it('R11: refuses provision, read and write on an unlicensed device, with a reason', () => {
      for (const op of ['provision', 'read-datapoints', 'write-datapoints'] as const) {
        const verdict = checkOperation(state, op, 'dev-000005');
        expect(verdict.allowed).to.equal(false);
        if (!verdict.allowed) {
          expect(verdict.code).to.equal('DEVICE_UNLICENSED');
          expect(verdict.reason).to.contain('unlicensed');
        }
      }
    });

    it('R11: allows operations that do not talk to the device, even when unlicensed', () => {
      for (const op of [
        'create-device',
        'define-connections',
        'set-up-schedules',
        'define-sequences',
      ] as const) {
        expect(checkOperation(state, op, 'dev-000005').allowed).to.equal(true);
      }
    });

    it('gives the reason in German', () => {
      const verdict = checkOperation(state, 'provision', 'dev-000005', 'de');
      expect(!verdict.allowed && verdict.reason).to.contain('nicht lizenziert');
    });
  });
});
