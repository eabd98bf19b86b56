// Issues, with the OpenWallet Foundation's libraries, what FabricEvidence.Identity must accept: an SD-JWT VC signed by
// the issuer key and x5c chain the C# test hands over, a presentation with key binding by a holder key made here, and
// a status list token. Prints one JSON object.
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import { readInput, es256Signer, b64u } from './common.mjs';

const input = await readInput();
const { publicKey: holderPublic, privateKey: holderPrivate } = await ES256.generateKeyPair();
const issuerSign = es256Signer(input.issuerKeyPem);

const sdjwt = new SDJwtVcInstance({
  signer: issuerSign,
  signAlg: 'ES256',
  hasher: digest,
  hashAlg: 'sha-256',
  saltGenerator: generateSalt,
  kbSigner: await ES256.getSigner(holderPrivate),
  kbSignAlg: 'ES256',
});

const credential = await sdjwt.issue(
  {
    iss: input.issuer,
    iat: input.iat,
    exp: input.iat + 86400,
    vct: input.vct,
    cnf: { jwk: holderPublic },
    status: { status_list: { idx: input.statusIndex, uri: input.statusUri } },
    given_name: 'Erika',
    family_name: 'Mustermann',
    age_over_18: true,
    address: { locality: 'Köln', country: 'DE' },
  },
  { _sd: ['given_name', 'family_name', 'age_over_18', 'address'], address: { _sd: ['locality'] } },
  { header: { x5c: input.x5c } },
);

const presentation = await sdjwt.present(
  credential,
  { age_over_18: true, address: { locality: true } },
  { kb: { payload: { iat: input.iat, aud: input.audience, nonce: input.nonce } } },
);

const entries = new Array(131072).fill(0);
entries[input.statusIndex] = 2;
entries[input.statusIndex + 1] = 1;
const list = new StatusList(entries, 2);
const { header, payload } = createHeaderAndPayload(
  list,
  { iss: input.issuer, sub: input.statusUri, iat: input.iat, ttl: 3600 },
  { alg: 'ES256', typ: 'statuslist+jwt', x5c: input.x5c },
);
const signingInput = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
const statusListToken = `${signingInput}.${await issuerSign(signingInput)}`;

console.log(JSON.stringify({ credential, presentation, statusListToken, holderJwk: holderPublic }));
