// Helpers shared by the interop scripts: read the C# side's JSON from stdin, ES256 with node:crypto, and an x5c
// check against the organisation CA the C# tests hand over (a leaf issued by that CA, valid now, signature good).
import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export const b64u = (buffer) => Buffer.from(buffer).toString('base64url');

export function es256Signer(privateKeyPem) {
  const key = createPrivateKey(privateKeyPem);
  return async (data) => b64u(sign('sha256', Buffer.from(data, 'ascii'), { key, dsaEncoding: 'ieee-p1363' }));
}

export function es256Verify(publicKey, data, signature) {
  return verify('sha256', Buffer.from(data, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

export function decodeHeader(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

/** The public key of the x5c leaf in `jwt`'s header, after checking that `caPem` issued it and it is valid now. */
export function trustedSignerKey(jwt, caPem) {
  const header = decodeHeader(jwt);
  if (header.alg !== 'ES256') throw new Error(`alg ${header.alg} is not ES256`);
  if (!Array.isArray(header.x5c) || header.x5c.length === 0) throw new Error('no x5c in the header');
  const leaf = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
  const ca = new X509Certificate(caPem);
  let issuer = ca;
  if (header.x5c.length > 1) {
    issuer = new X509Certificate(Buffer.from(header.x5c[1], 'base64'));
    if (!issuer.checkIssued(ca) || !issuer.verify(ca.publicKey)) throw new Error('x5c intermediate is not issued by the CA');
  }
  if (!leaf.checkIssued(issuer) || !leaf.verify(issuer.publicKey)) throw new Error('x5c leaf is not issued by the trusted CA');
  const now = Date.now();
  if (now < Date.parse(leaf.validFrom) || now > Date.parse(leaf.validTo)) throw new Error('x5c leaf is not valid now');
  return leaf.publicKey;
}

export const jwkPublicKey = (jwk) => createPublicKey({ key: jwk, format: 'jwk' });
