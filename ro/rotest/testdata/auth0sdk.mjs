// Drives the real node-auth0 v2 SDK and the jose library against the demo
// tenant; run by TestNodeAuth0SDK (node_test.go), which installs both.
//
// Environment: ROTUI_NODE_PREFIX (the folder holding node_modules),
// ROTUI_DOMAIN (host:port of the tenant, served over https), and
// NODE_EXTRA_CA_CERTS (its self-signed certificate). node-auth0 v2 always
// builds https://{domain}, so the tenant is started with TLS and node is
// told to trust its certificate: the SDK itself is used unchanged.
//
// Prints one JSON object: each check's outcome, for the Go test to judge.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.env.ROTUI_NODE_PREFIX, 'index.js'));
const { AuthenticationClient } = require('auth0');
const jose = await import(pathToFileURL(require.resolve('jose')).href);

const domain = process.env.ROTUI_DOMAIN;
const base = `https://${domain}`;
const issuer = `${base}/`;
const user = { username: 'alice@example.com', password: 'wonderland' };
const connection = 'Username-Password-Authentication';
const hsSecret = 'rotui-demo-hs256-client-secret-0123456789';
const jwks = jose.createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));

const results = {};

// run records a check's value, or its error (name, status, message). The
// SDK's REST clients put Auth0's error in name and statusCode; its axios
// calls (/delegation, /tokeninfo, /oauth/revoke) leave it in the response.
async function run(name, fn) {
  try {
    results[name] = { ok: true, value: await fn() };
  } catch (err) {
    const body = err && err.response && err.response.data;
    results[name] = {
      ok: false,
      error: (body && body.error) || (err && err.name),
      status: (err && err.statusCode) || (err && err.response && err.response.status),
      message: (body && body.error_description) || (err && String(err.message)),
    };
  }
}

const rs = new AuthenticationClient({ domain, clientId: 'rotui-demo' });

// oauth.signIn posts to /oauth/ro and verifies the ID token itself (RS256
// against https://{domain}/.well-known/jwks.json, issuer, audience).
await run('signIn', async () => {
  const r = await rs.oauth.signIn({ ...user, connection, scope: 'openid profile' });
  const { payload, protectedHeader } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  return {
    access_token: r.access_token, token_type: r.token_type, has_refresh: 'refresh_token' in r,
    alg: protectedHeader.alg, kid: protectedHeader.kid, sub: payload.sub, email: payload.email, name: payload.name,
  };
});

await run('signInRefresh', async () => {
  const r = await rs.oauth.signIn({ ...user, connection, scope: 'openid offline_access', device: 'sdk-test' });
  return { refresh_token: r.refresh_token };
});

await run('signInWrongPassword', () => rs.oauth.signIn({ ...user, password: 'nope', connection }));
await run('signInBlocked', () => rs.oauth.signIn({ ...user, username: 'blocked@example.com', connection }));
await run('signInNoRO', () =>
  new AuthenticationClient({ domain, clientId: 'rotui-no-ro' }).oauth.signIn({ ...user, connection }));

// passwordGrant posts to /oauth/token: password-realm with a realm, the
// standard password grant without.
for (const [name, extra] of [['passwordRealm', { realm: connection }], ['password', {}]]) {
  await run(name, async () => {
    const r = await rs.oauth.passwordGrant({ ...user, ...extra, scope: 'openid email' });
    const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
    return { token_type: r.token_type, expires_in: r.expires_in, email: payload.email };
  });
}
await run('passwordGrantWrongPassword', () => rs.oauth.passwordGrant({ ...user, password: 'nope', realm: connection }));

// The HS256 client: node-auth0 v2 base64-decodes clientSecret before
// verifying, so it is handed the base64 of the printed secret.
await run('signInHS256', async () => {
  const hs = new AuthenticationClient({
    domain, clientId: 'rotui-demo-hs256', clientSecret: Buffer.from(hsSecret).toString('base64'),
  });
  const r = await hs.oauth.signIn({ ...user, connection });
  const { protectedHeader, payload } = await jose.jwtVerify(r.id_token, new TextEncoder().encode(hsSecret),
    { issuer, audience: 'rotui-demo-hs256', algorithms: ['HS256'] });
  return { alg: protectedHeader.alg, sub: payload.sub };
});

// A negative control for the SDK's own check: given the secret as is (not
// base64), it must refuse the token, which shows it did verify it above.
await run('signInHS256RawSecret', () =>
  new AuthenticationClient({ domain, clientId: 'rotui-demo-hs256', clientSecret: hsSecret })
    .oauth.signIn({ ...user, connection }));

// A negative control: jose must refuse a token whose payload was changed.
await run('tampered', async () => {
  const r = await rs.oauth.signIn({ ...user, connection });
  const [h, p, s] = r.id_token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  claims.sub = 'auth0|someone-else';
  const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
  await jose.jwtVerify(forged, jwks, { issuer, audience: 'rotui-demo' });
  return 'accepted';
});

// /userinfo through the SDK, with the opaque legacy access token.
await run('userinfo', async () => {
  const r = await rs.oauth.signIn({ ...user, connection });
  const profile = await rs.getProfile(r.access_token);
  return { email: typeof profile === 'string' ? JSON.parse(profile).email : profile.email };
});

// MFA over /oauth/ro: the code goes in the same call, as mfa_code.
await run('signInMFA', async () => {
  const r = await rs.oauth.signIn({ ...user, username: 'mfa@example.com', connection, mfa_code: '123456' });
  return { has_id_token: typeof r.id_token === 'string' };
});
await run('signInMFAMissing', () => rs.oauth.signIn({ ...user, username: 'mfa@example.com', connection }));

// Passwordless: the SDK asks for a code (POST /passwordless/start), then
// passwordless.signIn posts to /oauth/ro with the code as password (it
// warns that /oauth/ro is deprecated), or, given otp, to /oauth/token with
// the passwordless/otp grant. The SDK verifies each ID token itself.
const phone = '+15555550100';
const code = '424242';
await run('requestSMSCode', () => rs.requestSMSCode({ phone_number: phone }));
await run('requestEmailCode', () => rs.requestEmailCode({ email: user.username }));
await run('passwordlessSMS', async () => {
  const r = await rs.passwordless.signIn({ username: phone, password: code, scope: 'openid phone_number' });
  const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  return { sub: payload.sub, phone_number: payload.phone_number, token_type: r.token_type };
});
await run('passwordlessEmail', async () => {
  const r = await rs.passwordless.signIn({ username: user.username, password: code, connection: 'email', scope: 'openid email' });
  const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  return { sub: payload.sub, email: payload.email };
});
await run('passwordlessWrongCode', () => rs.verifySMSCode({ phone_number: phone, code: '000000' }));
await run('passwordlessOTP', async () => {
  const r = await rs.passwordless.signIn({ username: phone, otp: code, realm: 'sms', scope: 'openid phone' });
  const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  return { phone_number: payload.phone_number, token_type: r.token_type };
});

// Refresh the legacy way: tokens.getDelegationToken posts to /delegation;
// then /tokeninfo, and /oauth/revoke, after which /delegation refuses it.
await run('delegation', async () => {
  const login = await rs.oauth.signIn({ ...user, connection, scope: 'openid email offline_access', device: 'sdk-test' });
  const r = await rs.tokens.getDelegationToken({
    refresh_token: login.refresh_token, api_type: 'app', target: 'rotui-demo',
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', scope: 'passthrough',
  });
  const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  const info = await rs.tokens.getInfo(r.id_token);
  await rs.tokens.revokeRefreshToken({ token: login.refresh_token });
  let afterRevoke = 'accepted';
  try {
    await rs.tokens.getDelegationToken({
      refresh_token: login.refresh_token, api_type: 'app', target: 'rotui-demo',
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    });
  } catch (err) {
    afterRevoke = `${err.response && err.response.status} ${err.response && err.response.data && err.response.data.error}`;
  }
  return {
    token_type: r.token_type, expires_in: r.expires_in, sub: payload.sub, email: payload.email,
    tokeninfo_email: info.email, global_client_id: info.global_client_id, after_revoke: afterRevoke,
  };
});
await run('delegationIDToken', async () => {
  const login = await rs.oauth.signIn({ ...user, connection });
  const r = await rs.getDelegationToken({
    id_token: login.id_token, api_type: 'app', targetClientId: 'rotui-demo',
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  });
  const { payload } = await jose.jwtVerify(r.id_token, jwks, { issuer, audience: 'rotui-demo' });
  return { sub: payload.sub };
});

process.stdout.write(JSON.stringify(results));
