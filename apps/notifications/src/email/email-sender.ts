import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NotificationsConfig } from '../config';
import { EmailPayload } from '../planning/notification-planner';

/**
 * Sends one notice over SMTP. The Message-ID and the X-OCOP-Delivery-Id header are the delivery's id: SMTP cannot
 * be exactly-once (a crash between the server's 250 and our commit sends again), but a repeat carries the same
 * Message-ID, which mail systems and our tests use to spot it.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: NotificationsConfig) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(deliveryId: string, mail: EmailPayload): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${deliveryId}@notifications.ocop>`,
      headers: { 'X-OCOP-Delivery-Id': deliveryId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
