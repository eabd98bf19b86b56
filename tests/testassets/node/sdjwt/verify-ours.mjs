// Verifies, with the OpenWallet Foundation's @sd-jwt/sd-jwt-vc and @sd-jwt/jwt-status-list, what FabricEvidence.Identity
// issued: the credential, a presentation with key binding, and the status list token. Prints one JSON object.
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { readInput, trustedSignerKey, es256Verify, jwkPublicKey, decodeHeader } from './common.mjs';

const input = await readInput();
const issuerJwt = (text) => text.split('~')[0];
const seenStatus = [];

function instance(sdJwtText) {
  const issuerKey = trustedSignerKey(issuerJwt(sdJwtText), input.caPem);
  return new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: async (data, signature) => es256Verify(issuerKey, data, signature),
    kbVerifier: async (data, signature, payload) => es256Verify(jwkPublicKey(payload.cnf.jwk), data, signature),
    statusListFetcher: async (uri) => {
      if (uri !== input.statusUri) throw new Error(`unexpected status list ${uri}`);
      return input.statusListToken;
    },
    statusVerifier: async (data, signature) => es256Verify(trustedSignerKey(input.statusListToken, input.caPem), data, signature),
    statusValidator: async (status) => { seenStatus.push(status); if (status !== 0) throw new Error(`status ${status}`); },
  });
}

async function attempt(fn) {
  try { return { ok: true, value: await fn() }; } catch (e) { return { ok: false, error: String(e.message ?? e) }; }
}

const credential = await attempt(() => instance(input.credential).verify(input.credential));
const presentation = await attempt(async () => {
  const result = await instance(input.presentation).verify(input.presentation, { keyBindingNonce: input.nonce, requiredClaimKeys: input.requiredClaims });
  if (result.kb.payload.aud !== input.audience) throw new Error(`aud ${result.kb.payload.aud}`);
  return result;
});
const wrongNonce = await attempt(() => instance(input.presentation).verify(input.presentation, { keyBindingNonce: input.nonce + 'x' }));
const tampered = await attempt(() => instance(input.tampered).verify(input.tampered, { keyBindingNonce: input.nonce }));
const statusList = getListFromStatusListJWT(input.statusListToken);

console.log(JSON.stringify({
  credential: credential.ok ? { payload: credential.value.payload, typ: decodeHeader(issuerJwt(input.credential)).typ } : { error: credential.error },
  presentation: presentation.ok ? { payload: presentation.value.payload, kb: presentation.value.kb.payload } : { error: presentation.error },
  wrongNonceRejected: !wrongNonce.ok,
  tamperedRejected: !tampered.ok,
  tamperedError: tampered.ok ? null : tampered.error,
  status: {
    bits: statusList.getBitsPerStatus(),
    entries: input.statusIndexes.map((i) => statusList.getStatus(i)),
    validatorSaw: seenStatus,
  },
}));
