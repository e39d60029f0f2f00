import { secureHeaders } from 'hono/secure-headers'

const SELF = ["'self'"]

/**
 * Headers on every answer: the page runs only its own scripts (no inline, no eval), loads nothing
 * from elsewhere, cannot be framed, and sends no Referer. HSTS is left to the TLS-terminating
 * reverse proxy, which knows whether the site is HTTPS-only.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: SELF,
      scriptSrc: SELF,
      styleSrc: SELF,
      imgSrc: [...SELF, 'data:'],
      fontSrc: SELF,
      connectSrc: SELF,
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: SELF,
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
  })
