// A real, certified OpenID provider (npm `oidc-provider`) for the single sign-on tests.
//
//   node end2end/oidc/provider.mjs [--port 0] [--client-id hocvu] [--client-secret ...]
//        [--redirect-uri URL]... [--post-logout-redirect-uri URL]...
//
// Listens on 127.0.0.1 and prints `OIDC_PROVIDER_URL=http://127.0.0.1:PORT` once ready. The
// sign-in page is the provider's own (development interactions: any login, any password); the
// account `an` carries a personal ID number, other logins only a name. Claims go into the ID
// token (`so_dinh_danh` under the scope `cccd`). Consent is given at once (a first-party client).
//
// For the tests only, `POST /__test/setup` with a JSON body sets up a new provider in place:
//   {"redirect_uris": [...], "post_logout_redirect_uris": [...],
//    "tamper": null | "aud" | "exp" | "nonce",   // re-sign each ID token with that claim wrong
//    "rotate": true}                              // a new signing key (new `kid`)
// Sessions and codes of the previous set-up are forgotten, as after a restart.
import http from 'node:http';
import { parseArgs } from 'node:util';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '0' },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID ?? 'hocvu' },
    'client-secret': {
      type: 'string',
      default: process.env.OIDC_CLIENT_SECRET ?? 'bi-mat-thu-nghiem',
    },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'post-logout-redirect-uri': { type: 'string', multiple: true, default: [] },
  },
});

const ACCOUNTS = {
  an: {
    name: 'Nguyễn Văn An',
    phone_number: '0912345678',
    email: 'an@example.vn',
    so_dinh_danh: '001203004567',
  },
};

function accountClaims(id) {
  return { sub: id, ...(ACCOUNTS[id] ?? { name: `Người dùng ${id}` }) };
}

async function newSigningKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid: `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, alg: 'RS256', use: 'sig' };
}

const setup = {
  redirect_uris: args['redirect-uri'],
  post_logout_redirect_uris: args['post-logout-redirect-uri'],
  tamper: null,
};
let signingKey = await newSigningKey();
let issuer;
let current;

// The ID token of a token response, signed again with one claim made wrong on purpose.
async function tampered(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (setup.tamper === 'aud') claims.aud = 'another-client';
  if (setup.tamper === 'nonce') claims.nonce = 'not-the-nonce-sent';
  if (setup.tamper === 'exp') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  const key = await jose.importJWK(signingKey, 'RS256');
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
    .sign(key);
}

function build() {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: setup.redirect_uris.length ? setup.redirect_uris : [`${issuer}/unused`],
      post_logout_redirect_uris: setup.post_logout_redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['khoa-cookie-thu-nghiem'] },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      phone: ['phone_number'],
      email: ['email'],
      cccd: ['so_dinh_danh'],
    },
    conformIdTokenClaims: false,
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => accountClaims(id),
    }),
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (setup.tamper && ctx.path === '/token' && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: await tampered(ctx.body.id_token) };
    }
  });
  return provider.callback();
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

async function control(req, res) {
  const asked = await readJson(req);
  if (asked.redirect_uris) setup.redirect_uris = asked.redirect_uris;
  if (asked.post_logout_redirect_uris) setup.post_logout_redirect_uris = asked.post_logout_redirect_uris;
  if ('tamper' in asked) setup.tamper = asked.tamper;
  if (asked.rotate) signingKey = await newSigningKey();
  current = build();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kid: signingKey.kid, tamper: setup.tamper }));
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/__test/setup') {
    control(req, res).catch((e) => {
      res.writeHead(400);
      res.end(String(e));
    });
    return;
  }
  current(req, res);
});

server.listen(Number(args.port), '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  current = build();
  console.log(`OIDC_PROVIDER_URL=${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
