import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; behind a provider so that the service runs (and tests) without a mail server. */
export abstract class Mailer {
  /** False: no SMTP_URL; reminders are then shown in the app and the API only. */
  abstract readonly enabled: boolean;
  abstract send(message: MailMessage): Promise<void>;
  async close(): Promise<void> {}
}

export class SmtpMailer extends Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    // A pool: the outbox sends its batches over a few kept-open connections.
    const url = new URL(smtpUrl);
    url.searchParams.set('pool', 'true');
    this.transport = nodemailer.createTransport(url.toString());
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  override async close(): Promise<void> {
    this.transport.close();
  }
}

export class NoMailer extends Mailer {
  readonly enabled = false;
  send(): Promise<void> {
    return Promise.reject(new Error('mail is off (no SMTP_URL)'));
  }
}
