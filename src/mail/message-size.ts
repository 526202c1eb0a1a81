/**
 * The size of a message as a relay's SIZE limit counts it (RFC 1870 §4):
 * "the number of octets, including CR-LF pairs, but not the SMTP DATA
 * command's terminating dot or doubled quoting dots, to be transmitted by
 * the SMTP client after receiving reply code 354". nodemailer's DATA
 * stream (smtp-connection/data-stream.js) sends each bare CR or bare LF as
 * CRLF, and a CRLF after a last line without one: counted so here. The
 * dots it doubles at line starts (RFC 5321 §4.5.2) are not counted.
 */
export function octetsInData(raw: Buffer): number {
  let octets = raw.length;
  for (let at = raw.indexOf(0x0a); at !== -1; at = raw.indexOf(0x0a, at + 1)) if (at === 0 || raw[at - 1] !== 0x0d) octets++;
  for (let at = raw.indexOf(0x0d); at !== -1; at = raw.indexOf(0x0d, at + 1)) if (raw[at + 1] !== 0x0a) octets++;
  // A bare CR at the end became CRLF above; a last line ending in neither gets its CRLF before the end of data.
  const last = raw[raw.length - 1];
  return last === undefined || last === 0x0a || last === 0x0d ? octets : octets + 2;
}
