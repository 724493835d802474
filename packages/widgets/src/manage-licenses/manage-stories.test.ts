// The stories of the new dialog states render, play through, and pass axe.
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { DEMO_INSTALL_CODE } from '@smartserver-licensing/client';
import { loadStrings } from '../strings/index.js';
import { has, shadowText, until } from '../../test/helpers.js';
import meta, * as stories from './manage-licenses.stories.js';

type Story = (typeof stories)['Account'];

async function play(story: Story): Promise<HTMLElement> {
  const canvasElement = await fixture<HTMLElement>(html`<div></div>`);
  render(meta.render!({ ...meta.args, ...story.args, latencyMs: 0 } as never, {} as never), canvasElement);
  await story.play?.({ canvasElement } as never);
  return canvasElement.querySelector('lic-manage-licenses')!;
}

describe('Manage Licenses stories', () => {
  before(() => loadStrings('de'));

  const expected: Array<[string, Story, string]> = [
    ['Account', stories.Account, DEMO_INSTALL_CODE],
    ['KeyConflict', stories.KeyConflict, 'reset this SmartServer'],
    ['AddLicenseSteps', stories.AddLicenseSteps, '1. Create an activation request'],
    ['PendingReturns', stories.PendingReturns, 'Returns the cloud has not heard of yet'],
    ['ReturnOffline', stories.ReturnOffline, 'no longer counts on this SmartServer'],
    ['PendingReturnsGerman', stories.PendingReturnsGerman, 'Rückgaben, von denen die Cloud noch nichts weiß'],
  ];
  for (const [name, story, text] of expected) {
    it(`${name} shows "${text}" and passes axe`, async () => {
      const el = await play(story);
      await until(() => shadowText(el).includes(text), text);
      if (name === 'KeyConflict') expect(has(el, '[role="alert"]')).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }
});
