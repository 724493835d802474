// Edit Notifications (R18): the days before a maintenance license ends that reminders go out, and
// to whom.
import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { parseNotificationSettings } from '@smartserver-licensing/schemas';
import { LicRequestNotificationsEvent } from '../../request-events.js';
import { defineElement } from '../../internal/define-element.js';
import { ManagePanel } from './panel.js';

const splitList = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** @internal The Edit Notifications panel of `<lic-manage-licenses>`. */
export class LicManageNotifications extends ManagePanel {
  @state() private settings = { days: '', recipients: '' };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.source?.getNotificationSettings().then((r) => {
      if (r.ok) {
        this.settings = {
          days: r.value.daysBeforeExpiry.join(', '),
          recipients: r.value.recipients.join(', '),
        };
      } else this.problem = this.say(r.error);
    });
  }

  override render() {
    const t = this.t;
    return html`${this.renderProblem()}
      <form @submit=${this.#save} novalidate>
        <label for="days">${t.days}</label>
        <input
          id="days"
          name="days"
          inputmode="numeric"
          .value=${this.settings.days}
          aria-describedby="days-hint"
        />
        <p class="hint" id="days-hint">${t.daysHint}</p>
        <label for="recipients">${t.recipients}</label>
        <textarea
          id="recipients"
          name="recipients"
          rows="3"
          .value=${this.settings.recipients}
          aria-describedby="recipients-hint"
        ></textarea>
        <p class="hint" id="recipients-hint">${t.recipientsHint}</p>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.save}</button>
      </form>`;
  }

  #save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const days = (form.elements.namedItem('days') as HTMLInputElement).value;
    const recipients = (form.elements.namedItem('recipients') as HTMLTextAreaElement).value;
    this.settings = { days, recipients };
    const parsed = parseNotificationSettings({
      daysBeforeExpiry: splitList(days).map(Number),
      recipients: splitList(recipients),
    });
    if (!parsed.ok) {
      const t = this.t;
      this.problem = parsed.error.issues[0]?.path.startsWith('recipients')
        ? t.recipientsInvalid
        : t.daysInvalid;
      return;
    }
    this.problem = '';
    if (!this.request(new LicRequestNotificationsEvent({ settings: parsed.value }))) return;
    this.busy = true;
    const result = await this.source!.saveNotificationSettings(parsed.value);
    this.busy = false;
    if (result.ok) this.announce(this.t.saved);
    else this.problem = this.say(result.error);
  };
}

defineElement('lic-manage-notifications', LicManageNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'lic-manage-notifications': LicManageNotifications;
  }
}
