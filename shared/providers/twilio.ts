/**
 * The twilio SDK's REST API 2010-04-01 for one account (calls, conferences and
 * their participants, recordings, queues), pointed at `TWILIO_API_BASE_URL`
 * when it is set (locally: the runtime's Twilio stand-in,
 * infra/local/fakes/twilio.ts), at Twilio itself otherwise.
 *
 * Only the SDK's core client and its `Api` domain are imported: the `Twilio`
 * class reaches every Twilio product, and a bundle of it weighs 3.6 MB where
 * this one stays small.
 *
 * The SDK has no base-URL option: `edge` and `region` only rewrite the host
 * within twilio.com. Its supported seam is the `httpClient` option; this one is
 * the SDK's own RequestClient with each request's scheme and host replaced by
 * the base URL's (the path, `/2010-04-01/Accounts/…`, is kept), so everything
 * else (basic auth, parameter names and encoding, errors as RestException) is
 * the SDK's.
 */
// A CommonJS module whose named exports Node's ESM loader cannot see: taken from its default export, so plain Node (scripts, tsx) loads it as bundles do.
import BaseTwilio from 'twilio/lib/base/BaseTwilio.js';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import Api from 'twilio/lib/rest/Api.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** `http://127.0.0.1:3000/_local/twilio`: replaces `https://api.twilio.com`. Default: `TWILIO_API_BASE_URL`, else Twilio. */
  apiBaseUrl?: string;
}

const { Client } = BaseTwilio;

class BaseUrlRequestClient extends RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https?:\/\/[^/]+/, this.apiBaseUrl.replace(/\/+$/, '')) });
  }
}

/** The account's 2010-04-01 resources: `.calls`, `.conferences(name).participants`, `.recordings`, `.queues`. */
export function twilioAccount(credentials: TwilioCredentials) {
  const apiBaseUrl = credentials.apiBaseUrl ?? process.env.TWILIO_API_BASE_URL;
  const client = new Client(credentials.accountSid, credentials.authToken, apiBaseUrl ? { httpClient: new BaseUrlRequestClient(apiBaseUrl) } : {});
  // The domain only asks the client for `request` and `accountSid`, which the core client has.
  return new Api(client as ConstructorParameters<typeof Api>[0]).account;
}
