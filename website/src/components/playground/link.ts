// Shareable playground links: the program's code in the part of the link after `#code=`
// (base64url of its UTF-8), as the playground page reads it and "Open in playground" writes it.

/** The code as the part of a link after `#code=`. */
export function encodeCode(code: string): string {
  const bytes = new TextEncoder().encode(code);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The code of a `#code=` link, or null when it is not one. */
export function decodeCode(fragment: string): string | null {
  const m = /(?:^#?|&)code=([A-Za-z0-9_-]+)/.exec(fragment);
  if (!m) return null;
  try {
    const binary = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
