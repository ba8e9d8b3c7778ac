// Outgoing mail (nodemailer over the configured SMTP server): only password-reset links today.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/index.ts';

const transports = new Map<string, Transporter>();

/** Whether mail can be sent: an SMTP server is configured. */
export const canMail = (config: Config): boolean => !!config.smtpUrl;

export async function sendMail(config: Config, mail: { to: string; subject: string; text: string }): Promise<void> {
  if (!config.smtpUrl) throw new Error('no SMTP server is configured (LEDE_SMTP_URL)');
  let t = transports.get(config.smtpUrl);
  if (!t) {
    t = nodemailer.createTransport(config.smtpUrl);
    transports.set(config.smtpUrl, t);
  }
  await t.sendMail({ from: config.smtpFrom, ...mail });
}
