/**
 * POST /login. The app sends `email=…&senha=…` without encoding it, so a
 * password holding `+`, `%` or `&` (and an e-mail holding `+`) arrives mangled
 * by form decoding: `+` becomes a space, `%xx` a byte, `&` splits the field.
 * When the raw body has exactly the app's shape, its literal text is also
 * tried: the literal e-mail when the decoded one is not an address, the
 * literal password after the decoded one.
 */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { formError } from '../errors.ts';
import { isEmail } from '../params.ts';
import { loginRoute } from './login.route.ts';
import { logIn } from './logins.ts';

const APP_BODY = /^email=([^&]*)&senha=([\s\S]*)$/;

export const handler = httpRoute(loginRoute, async ({ body, rawBody, event }) => {
  const literal = rawBody === undefined ? undefined : APP_BODY.exec(rawBody);
  let email = body.email;
  if (!isEmail(email) && literal && isEmail(literal[1])) email = literal[1];
  if (!isEmail(email)) throw formError('email', 'invalid', 'Campos não foram preenchidos corretamente (email)');
  const passwords = literal && literal[2] !== body.senha ? [body.senha, literal[2]] : [body.senha];
  return json(await logIn({ email: email.toLowerCase(), passwords, appVersion: body.app_version, sourceIp: event.requestContext.http.sourceIp }));
});
