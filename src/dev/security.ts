import { isIP } from 'node:net';
import os from 'node:os';

/**
 * Request checks for the dev server, before anything touches the file system:
 * - the Host header must name this machine (DNS-rebinding defence): localhost, an IP literal
 *   (rebinding needs a domain name), the bound host, or this machine's hostname;
 * - the path may not contain traversal in any encoding: `..` segments, `%2e%2e`, encoded
 *   separators (`%2f`, `%5c`), backslashes, NUL, or double encoding (`%25`).
 */
export function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!hostHeader) return false;
  const name = hostname(hostHeader);
  if (name === null) return false;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name)) return true;
  if (name === boundHost.toLowerCase()) return true;
  return name === os.hostname().toLowerCase();
}

function hostname(h: string): string | null {
  const v = h.trim().toLowerCase();
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    return end > 0 ? v.slice(1, end) : null;
  }
  const name = v.replace(/:\d+$/, '');
  return /^[a-z0-9.-]+$/.test(name) ? name : null;
}

/** An `Origin` for the reload endpoint: absent (same-origin EventSource) or this server. */
export function originAllowed(
  origin: string | undefined,
  hostHeader: string | undefined,
  boundHost: string,
): boolean {
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      u.host === (hostHeader ?? '').toLowerCase() &&
      hostAllowed(u.host, boundHost)
    );
  } catch {
    return false;
  }
}

/** Returns the decoded path, or null when the request path must be refused with 400. */
export function safePath(rawUrl: string | undefined): string | null {
  if (!rawUrl || !rawUrl.startsWith('/')) return null;
  const pathPart = rawUrl.split('?')[0]!.split('#')[0]!;
  if (/%(00|2f|5c|25)/i.test(pathPart) || pathPart.includes('\\') || pathPart.includes('\0'))
    return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  if (decoded.split('/').some((seg) => seg.startsWith('.') && seg.length > 1)) return null;
  return decoded;
}
