/** Twilio's request signature and the URL it is checked against. */
import { describe, expect, it } from 'vitest';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { formParams, isSignedByTwilio, publicUrlOf } from '../../../functions/kraliki/webhooks/signature.ts';

const published = {
  token: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' },
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
};

describe('isSignedByTwilio', () => {
  it('accepts Twilio’s published example', () => {
    expect(isSignedByTwilio(published.token, published.signature, published.url, published.params)).toBe(true);
  });

  it('refuses a missing signature, another token, another URL, a changed or an added parameter', () => {
    expect(isSignedByTwilio(published.token, undefined, published.url, published.params)).toBe(false);
    expect(isSignedByTwilio(published.token, '', published.url, published.params)).toBe(false);
    expect(isSignedByTwilio('54321', published.signature, published.url, published.params)).toBe(false);
    expect(isSignedByTwilio(published.token, published.signature, 'https://mycompany.com/myapp.php?foo=1&bar=3', published.params)).toBe(false);
    expect(isSignedByTwilio(published.token, published.signature, published.url, { ...published.params, Digits: '1235' })).toBe(false);
    expect(isSignedByTwilio(published.token, published.signature, published.url, { ...published.params, Extra: 'x' })).toBe(false);
    expect(isSignedByTwilio('', published.signature, published.url, published.params)).toBe(false);
  });

  it('accepts the URL with or without the scheme’s default port, as Twilio may sign either', () => {
    expect(isSignedByTwilio(published.token, published.signature, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', published.params)).toBe(true);
  });
});

const event = (overrides: Record<string, unknown> = {}) => ({
  headers: { host: 'abc123.lambda-url.us-east-1.on.aws', 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded' },
  rawPath: '/',
  rawQueryString: '',
  requestContext: { domainName: 'abc123.lambda-url.us-east-1.on.aws' },
  ...overrides,
});

describe('publicUrlOf', () => {
  it('is the Function URL itself without a configured base', () => {
    expect(publicUrlOf(event(), 'twilio-voice')).toBe('https://abc123.lambda-url.us-east-1.on.aws/');
    expect(publicUrlOf(event({ rawQueryString: 'menu=m1&attempt=2' }), 'twilio-gather')).toBe('https://abc123.lambda-url.us-east-1.on.aws/?menu=m1&attempt=2');
  });

  it('follows x-forwarded-proto and the Host header (the local runtime’s http://host:port)', () => {
    const local = event({ headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' }, rawPath: '/extra' });
    expect(publicUrlOf(local, 'twilio-voice')).toBe('http://127.0.0.1:3000/extra');
  });

  it('is <base>/<name> with a configured base, the query kept as received', () => {
    expect(publicUrlOf(event({ rawQueryString: 'menu=a%20b&attempt=1' }), 'twilio-gather', 'http://127.0.0.1:3000/kraliki/webhooks/')).toBe(
      'http://127.0.0.1:3000/kraliki/webhooks/twilio-gather?menu=a%20b&attempt=1',
    );
  });
});

describe('formParams', () => {
  it('reads a form body, plain or base64, keeping repeated names', () => {
    const body = 'CallSid=CA1&From=%2B15551234567&StatusCallbackEvent=a&StatusCallbackEvent=b';
    const expected = { CallSid: 'CA1', From: '+15551234567', StatusCallbackEvent: ['a', 'b'] };
    expect(formParams(event({ body }))).toEqual(expected);
    expect(formParams(event({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true }))).toEqual(expected);
  });

  it('reads nothing from an empty or non-form body', () => {
    expect(formParams(event({ body: '' }))).toEqual({});
    expect(formParams(event({ body: '{"CallSid":"CA1"}', headers: { 'content-type': 'application/json' } }))).toEqual({});
  });

  it('gives the validator what Twilio signed: a signature over the parsed parameters checks out', () => {
    const body = 'To=%2B18005551212&CallSid=CA9&SpeechResult=sales+please';
    const params = formParams(event({ body }));
    const url = 'https://hooks.example.com/kraliki/twilio-gather?menu=m&attempt=1';
    expect(isSignedByTwilio('tok', getExpectedTwilioSignature('tok', url, params), url, params)).toBe(true);
  });
});
