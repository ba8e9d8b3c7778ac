// Security headers on every response: a CSP with no inline script or style, nosniff, a strict
// Referrer-Policy, no framing, and HSTS when served over HTTPS.
import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.ts';

/** The CSP; `imageProxy`: images come only from Lede itself, never straight from a publisher. */
export function contentSecurityPolicy(imageProxy: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Without the proxy, lead images and images inside article bodies come from the outlets' servers.
    imageProxy ? "img-src 'self' data:" : "img-src 'self' https: http: data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "manifest-src 'self'",
  ].join('; ');
}


export function securityHeaders(imageProxy = true): MiddlewareHandler<Env> {
  const csp = contentSecurityPolicy(imageProxy);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (c.get('secure')) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
