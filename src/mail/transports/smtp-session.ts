import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/**
 * One session as nodemailer 10's pool `verify` opens it (smtp-pool/index.js):
 * connected (greeting, EHLO, STARTTLS and EHLO again), logged in when the
 * relay offers AUTH, ended with QUIT. Resolves with the EHLO reply the
 * session goes on with, the one after STARTTLS (RFC 3207 §4.2 discards the
 * first): the connection's `lastServerResponse` when it is made, before
 * the login's replies replace it. nodemailer keeps the relay's SIZE to
 * itself (`_maxAllowedSize`, unexported); its public `SMTPConnection`
 * (`nodemailer/lib/smtp-connection`) gives the reply. Rejects with
 * nodemailer's error, as the pool's `verify` does.
 */
export function checkSession(options: SMTPPool.Options): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = new SMTPConnection(options);
    let returned = false;
    const fail = (error: Error, close: boolean) => {
      if (returned) return;
      returned = true;
      if (close) connection.close();
      reject(error);
    };
    // `on`, not `once`: an error after the QUIT (a reset) is ignored, not thrown for want of a listener.
    connection.on('error', (error: Error) => fail(error, true));
    connection.once('end', () => fail(new Error('Connection closed'), false));
    // A close before the greeting comes to the callback as its error, not as an `error` event.
    connection.connect((error?: Error | null) => {
      if (returned) return;
      if (error) return fail(error, true);
      const ehlo = typeof connection.lastServerResponse === 'string' ? connection.lastServerResponse : '';
      const done = () => {
        if (returned) return;
        returned = true;
        connection.quit();
        resolve(ehlo);
      };
      if (options.auth !== undefined && connection.allowsAuth) connection.login(options.auth, (error) => (error ? fail(error, true) : done()));
      else done();
    });
  });
}
