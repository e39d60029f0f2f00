import type { ServerConfig } from './config'

export type Logger = { info(line: string): void; error(line: string): void }

export const consoleLogger: Logger = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
}

// Anything shaped like a JWT (header.payload.signature, base64url JSON) is masked wherever it
// appears, so a signed token echoed back by SmartAssist cannot leak either.
const JWT_LIKE = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g

/** Masks the configured secrets and any JWT in a text bound for a log line or a response body. */
export function createRedactor(config: ServerConfig): (text: string) => string {
  const secrets: string[] = []
  if (config.mode === 'live') {
    secrets.push(config.credential.kind === 'pair' ? config.credential.clientSecret : config.credential.token)
  }
  return (text) =>
    secrets.reduce((t, secret) => t.split(secret).join('[redacted]'), text.replace(JWT_LIKE, '[redacted]'))
}

export function redactingLogger(logger: Logger, redact: (text: string) => string): Logger {
  return {
    info: (line) => logger.info(redact(line)),
    error: (line) => logger.error(redact(line)),
  }
}
