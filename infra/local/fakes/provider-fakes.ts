/**
 * Every provider stand-in the runtime mounts, for `npm start` and the tests
 * alike. A new one (Meta's Graph API, Twilio's REST API, the CPF registry,
 * ViaCep, geocoding, RSS feeds) is a ProviderFake module in this folder and
 * one entry here.
 */
import { FakeAppStore } from './app-store.ts';
import { FakeCpfRegistry } from './cpf-registry.ts';
import { FakeGeocoding } from './geocoding.ts';
import { FakeGooglePlay } from './google-play.ts';
import { FakeMetaGraph } from './meta-graph.ts';
import { FakeOpenAi } from './openai.ts';
import { FakeRevenueCat } from './revenuecat.ts';
import { FakeRssFeeds } from './rss.ts';
import { FakeSns } from './sns.ts';
import { FakeTwilio } from './twilio.ts';
import { FakeViaCep } from './viacep.ts';

export function providerFakes() {
  return {
    openai: new FakeOpenAi(),
    revenueCat: new FakeRevenueCat(),
    googlePlay: new FakeGooglePlay(),
    appStore: new FakeAppStore(),
    cpfRegistry: new FakeCpfRegistry(),
    viaCep: new FakeViaCep(),
    rss: new FakeRssFeeds(),
    geocoding: new FakeGeocoding(),
    metaGraph: new FakeMetaGraph(),
    twilio: new FakeTwilio(),
    sns: new FakeSns(),
  };
}

export type ProviderFakes = ReturnType<typeof providerFakes>;
