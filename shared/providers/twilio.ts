/**
 * The twilio SDK's REST client, pointed at `TWILIO_API_BASE_URL` when it is set
 * (locally: the runtime's Twilio stand-in, infra/local/fakes/twilio.ts), at
 * Twilio itself otherwise.
 *
 * The SDK has no base-URL option: `edge` and `region` only rewrite the host
 * within twilio.com. Its supported seam is the `httpClient` option; this one is
 * the SDK's own RequestClient with each request's scheme and host replaced by
 * the base URL's (the path, `/2010-04-01/Accounts/…`, is kept), so everything
 * else (auth, encoding of parameters, errors as RestException) is the SDK's.
 */
import RequestClient from 'twilio/lib/base/RequestClient.js';
import Twilio from 'twilio/lib/rest/Twilio.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** `http://127.0.0.1:3000/_local/twilio`: replaces `https://api.twilio.com` (and any other Twilio host). */
  apiBaseUrl?: string;
}

class BaseUrlRequestClient extends RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https?:\/\/[^/]+/, this.apiBaseUrl.replace(/\/+$/, '')) });
  }
}

export function twilioRestClient(credentials: TwilioCredentials): Twilio {
  const apiBaseUrl = credentials.apiBaseUrl ?? process.env.TWILIO_API_BASE_URL;
  return new Twilio(credentials.accountSid, credentials.authToken, apiBaseUrl ? { httpClient: new BaseUrlRequestClient(apiBaseUrl) } : {});
}
