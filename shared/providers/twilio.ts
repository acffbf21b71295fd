/**
 * The twilio SDK's REST API 2010-04-01 for one account (calls, conferences and
 * their participants, recordings, queues), pointed at `TWILIO_API_BASE_URL`
 * when it is set (locally: the runtime's Twilio stand-in,
 * infra/local/fakes/twilio.ts), at Twilio itself otherwise.
 *
 * Only the SDK's core client and the two 2010-04-01 resources this service
 * places requests on (calls; conferences and their participants) are imported.
 * The `Twilio` class reaches every Twilio product (a 3.6 MB bundle); even its
 * `Api` domain loads all 2010-04-01 resources (messages, numbers, SIP, usage,
 * ...) at every cold start, about 400 KB this code never calls. The resources
 * are the SDK's own, on the SDK's `Version` of the API, as its `Api` domain
 * builds them.
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
import DomainModule from 'twilio/lib/base/Domain.js';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import VersionModule from 'twilio/lib/base/Version.js';
import { CallListInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import { ConferenceListInstance } from 'twilio/lib/rest/api/v2010/account/conference.js';
import type V2010Module from 'twilio/lib/rest/api/V2010.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** `http://127.0.0.1:3000/_local/twilio`: replaces `https://api.twilio.com`. Default: `TWILIO_API_BASE_URL`, else Twilio. */
  apiBaseUrl?: string;
}

const { Client } = BaseTwilio;
/**
 * A class a CommonJS module exports as `exports.default`. Node's ESM loader (and
 * bundles, which follow it) hands over `module.exports`, holding the class
 * under `default`; the test runner's loader hands over the class itself.
 */
const classOf = <T>(module: T | { default: T }): T => (typeof module === 'function' ? (module as T) : (module as { default: T }).default);
const Domain = classOf(DomainModule);
const Version = classOf(VersionModule);

/** Where the SDK's `Api` domain sends 2010-04-01 requests. */
const API_BASE_URL = 'https://api.twilio.com';

class BaseUrlRequestClient extends RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https?:\/\/[^/]+/, this.apiBaseUrl.replace(/\/+$/, '')) });
  }
}

/** The account's 2010-04-01 resources this service uses: `.calls` and `.conferences(name).participants`. */
export function twilioAccount(credentials: TwilioCredentials) {
  const apiBaseUrl = credentials.apiBaseUrl ?? process.env.TWILIO_API_BASE_URL;
  const client = new Client(credentials.accountSid, credentials.authToken, apiBaseUrl ? { httpClient: new BaseUrlRequestClient(apiBaseUrl) } : {});
  // The domain only asks the client for `request` and `accountSid`, which the core client has.
  const domain = new Domain(client as ConstructorParameters<typeof Domain>[0], API_BASE_URL);
  // The resources ask their version only for `domain` and its requests, which the base `Version` has; `V2010` adds the account getters alone.
  const version = new Version(domain, '2010-04-01') as V2010Module.default;
  return { calls: CallListInstance(version, credentials.accountSid), conferences: ConferenceListInstance(version, credentials.accountSid) };
}
