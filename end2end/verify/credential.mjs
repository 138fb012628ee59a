// Verifies an Open Badges 3.0 credential secured as a VC-JOSE-COSE compact JWS (`vc+jwt`) with
// `jose`, an implementation independent of Học Vụ Số's own code: the signature against a JWKS
// (a URL or a file), the header's `typ` and `alg`, the validity period, and the revocation bit
// in the Bitstring Status List credential the credential names (itself a signed `vc+jwt`).
//
//   node verify/credential.mjs <credential.jwt | -> --jwks <url | file> [--status-list <file>]
//
// Prints one JSON verdict: {"accepted", "signature", "kid", "status", "error"?, "credential"?}.
// Exits 0 when the credential is accepted (signed, in its validity period, not revoked), 1 when
// it is refused, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const MIN_LIST_BYTES = 16 * 1024;
const SKEW_SECONDS = 5;

class Refusal extends Error {}

function keySet(jwks) {
  if (/^https?:\/\//.test(jwks)) return createRemoteJWKSet(new URL(jwks));
  return createLocalJWKSet(JSON.parse(readFileSync(jwks, 'utf8')));
}

function idOf(issuer) {
  return typeof issuer === 'string' ? issuer : issuer?.id;
}

/** The payload of a `vc+jwt` whose signature, header and validity period hold. */
async function verifyVc(jwt, keys) {
  const { payload, protectedHeader } = await jwtVerify(jwt, keys, {
    typ: 'vc+jwt',
    algorithms: ['EdDSA'],
    clockTolerance: SKEW_SECONDS,
  });
  const types = [].concat(payload.type ?? []);
  if (payload['@context']?.[0] !== VC_CONTEXT) throw new Refusal('not a VC 2.0 credential');
  if (!types.includes('VerifiableCredential')) throw new Refusal('not a VerifiableCredential');
  const now = Date.now();
  const from = Date.parse(payload.validFrom);
  if (Number.isNaN(from) || from > now + SKEW_SECONDS * 1000) throw new Refusal('not valid yet');
  if (payload.validUntil && Date.parse(payload.validUntil) <= now) throw new Refusal('expired');
  return { payload, protectedHeader };
}

/** `valid` or `revoked`, from the status list credential; `none` without a status entry. */
async function revocationStatus(credential, keys, listFile) {
  const entry = credential.credentialStatus;
  if (!entry) return 'none';
  if (entry.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation') {
    throw new Refusal('unknown credential status');
  }
  const jwt = listFile
    ? readFileSync(listFile, 'utf8').trim()
    : await (await fetch(entry.statusListCredential)).text();
  const { payload: list } = await verifyVc(jwt.trim(), keys);
  const subject = list.credentialSubject ?? {};
  if (!list.type.includes('BitstringStatusListCredential')) throw new Refusal('not a status list');
  if (list.id !== entry.statusListCredential) throw new Refusal('another status list');
  if (idOf(list.issuer) !== idOf(credential.issuer)) throw new Refusal('status list of another issuer');
  if (subject.statusPurpose !== entry.statusPurpose) throw new Refusal('status purpose differs');
  if (!subject.encodedList?.startsWith('u')) throw new Refusal('encodedList is not multibase base64url');
  const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
  if (bits.length < MIN_LIST_BYTES) throw new Refusal('status list shorter than 16 KiB');
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new Refusal('statusListIndex outside the list');
  }
  const bit = (bits[index >> 3] >> (7 - (index & 7))) & 1;
  return bit ? 'revoked' : 'valid';
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { jwks: { type: 'string' }, 'status-list': { type: 'string' } },
  });
  if (positionals.length !== 1 || !values.jwks) {
    console.error('usage: credential.mjs <credential.jwt | -> --jwks <url | file> [--status-list <file>]');
    process.exit(2);
  }
  const source = positionals[0] === '-' ? 0 : positionals[0];
  const jwt = readFileSync(source, 'utf8').trim();
  const verdict = { accepted: false, signature: 'refused', kid: null, status: 'unchecked' };
  try {
    verdict.kid = decodeProtectedHeader(jwt).kid ?? null;
    const keys = keySet(values.jwks);
    const { payload } = await verifyVc(jwt, keys);
    verdict.signature = 'ok';
    verdict.credential = payload;
    if (![].concat(payload.type).includes('OpenBadgeCredential')) throw new Refusal('not an OpenBadgeCredential');
    verdict.status = await revocationStatus(payload, keys, values['status-list']);
    verdict.accepted = verdict.status !== 'revoked';
  } catch (e) {
    verdict.error = e.code ?? (e instanceof Refusal ? 'refused' : 'failed');
    verdict.reason = e.message;
  }
  console.log(JSON.stringify(verdict));
  process.exit(verdict.accepted ? 0 : 1);
}

await main();
