/**
 * `npm run seed -- --service penhas --table <table name>`: runs a service's content seed
 * (manifest `seed`) from this machine against a table, with the shell's AWS credentials and
 * region. Deploys seed by themselves (a CDK trigger runs the seed function after each deploy
 * that changes it) and `npm start` seeds at start; this is for seeding by hand, e.g. after
 * restoring a table. `--endpoint <url>` targets another DynamoDB (a DynamoDB Local).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { services } from '../functions/services.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local/addresses.ts';
import { ROOT } from './local/lambda/build.ts';

const { values } = parseArgs({
  options: {
    service: { type: 'string' },
    table: { type: 'string' },
    endpoint: { type: 'string' },
  },
});

const manifest = services.find((service) => service.name === values.service);
if (!manifest?.seed || !values.table) {
  const seeded = services.filter((service) => service.seed).map((service) => service.name);
  console.error(`usage: npm run seed -- --service <${seeded.join('|')}> --table <table name, the stack's TableName output> [--endpoint <url>]`);
  process.exit(2);
}
process.env.TABLE_NAME = values.table;
process.env.SERVICE_NAME = manifest.name;
if (values.endpoint) {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = values.endpoint;
  // DynamoDB Local takes any credentials; the shell may have none.
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}
const { handler } = (await import(pathToFileURL(path.join(ROOT, manifest.seed.handler)).href)) as { handler: (event?: unknown) => Promise<unknown> };
console.log(`${manifest.name}: ${JSON.stringify(await handler())}`);
