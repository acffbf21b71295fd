/**
 * Her devices for push (new in this version of the API; the original app had
 * none): each is an SNS platform endpoint for the token the app got from FCM
 * or APNs, created on the platform application of its platform (ARNs from the
 * `push` secret, or `SNS_PLATFORM_ARN_*` in the environment).
 *
 * A token has one owner: the device item in her partition (`DEVICE#<id>`,
 * the id a hash of the token) and a lookup by token (`DEVICE_TOKEN#…`) are
 * written together, so a phone that changes accounts moves to the new one.
 * Registering the same token again answers the same device, after making sure
 * SNS has it enabled (AWS's own advice for re-registration).
 */
import { createHash } from 'node:crypto';
import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  GetEndpointAttributesCommand,
  InvalidParameterException,
  NotFoundException,
  SetEndpointAttributesCommand,
} from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import * as table from '#shared/db/table';
import { keyQuery } from '#shared/db/keys';
import { transact, type TransactItem } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { sns } from '#shared/providers/sns';
import { readSecretJson } from '#shared/secrets';
import { badRequest, formError, itemNotFound } from '../errors.ts';
import { DEVICE_PREFIX, deviceKey, deviceTokenKey, ownerPartition } from '../keys.ts';
import { secrets } from '../resources.ts';
import type { Platform } from './platforms.ts';

/** Devices one account may have; registering another beyond this is refused. */
export const MAX_DEVICES = 10;

export interface DeviceItem {
  pk: string;
  sk: string;
  device_id: string;
  cliente_id: number;
  platform: Platform;
  token: string;
  endpoint_arn: string;
  created_at: string;
  refs: { pk: string; sk: string }[];
}

export interface DeviceView {
  id: string;
  platform: Platform;
  created_at: string;
}

const platformConfig = z.object({ SNS_PLATFORM_ARN_ANDROID: z.optional(z.string()), SNS_PLATFORM_ARN_IOS: z.optional(z.string()) });

async function platformApplicationArn(platform: Platform): Promise<string> {
  const name = platform === 'android' ? 'SNS_PLATFORM_ARN_ANDROID' : 'SNS_PLATFORM_ARN_IOS';
  const arn = (await readSecretJson(secrets.push))[name] ?? loadConfig(platformConfig)[name];
  if (!arn) throw new Error(`${name} is not configured (the push secret or the environment)`);
  return arn;
}

/** The id a device is known by: a hash of its token, so the token itself never travels in a path. */
export const deviceIdOf = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 32);
const DEVICE_ID = /^[0-9a-f]{32}$/;

const view = (device: Pick<DeviceItem, 'device_id' | 'platform' | 'created_at'>): DeviceView => ({
  id: device.device_id,
  platform: device.platform,
  created_at: device.created_at,
});

export const listDevices = async (userId: number): Promise<DeviceItem[]> =>
  (await table.query<DeviceItem>({ ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: DEVICE_PREFIX } }), ConsistentRead: true })).items;

/** Creates (or finds) the token's SNS endpoint and makes sure it is enabled with this token. */
async function ensureEndpoint(platform: Platform, token: string): Promise<string> {
  const application = await platformApplicationArn(platform);
  let created: { EndpointArn?: string };
  try {
    created = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: application, Token: token }));
  } catch (error) {
    // SNS refuses a token its platform would not take (an APNs token must be hex, say).
    if (error instanceof InvalidParameterException) throw formError('token', 'invalid');
    throw error;
  }
  const arn = created.EndpointArn;
  if (!arn) throw new Error('SNS created no endpoint');
  const { Attributes: attributes = {} } = await sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn }));
  if (attributes.Enabled !== 'true' || attributes.Token !== token) {
    // The app just got this token from the platform: it is live, whatever SNS last heard.
    await sns.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Token: token, Enabled: 'true' } }));
  }
  return arn;
}

/** Deletes the SNS endpoint; one already gone is no error. */
export async function deleteEndpoint(endpointArn: string): Promise<void> {
  try {
    await sns.send(new DeleteEndpointCommand({ EndpointArn: endpointArn }));
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
  }
}

export async function registerDevice(userId: number, input: { token: string; platform: Platform }, now = new Date()): Promise<DeviceView> {
  const deviceId = deviceIdOf(input.token);
  const lookup = deviceTokenKey(input.token);
  const [owner, devices] = await Promise.all([table.get<{ cliente_id: number }>(lookup, { consistent: true }), listDevices(userId)]);
  const mine = devices.find((device) => device.device_id === deviceId);
  if (!mine && devices.length >= MAX_DEVICES)
    throw badRequest('too_many_devices', `Limite de ${MAX_DEVICES} dispositivos atingido. Remova um dispositivo antes.`, 'token');

  const endpointArn = await ensureEndpoint(input.platform, input.token);
  if (mine && mine.platform === input.platform && mine.endpoint_arn === endpointArn) return view(mine);

  const device: DeviceItem = {
    ...deviceKey(userId, deviceId),
    device_id: deviceId,
    cliente_id: userId,
    platform: input.platform,
    token: input.token,
    endpoint_arn: endpointArn,
    created_at: mine?.created_at ?? now.toISOString(),
    refs: [lookup],
  };
  const writes: TransactItem[] = [{ Put: { Item: device } }, { Put: { Item: { ...lookup, cliente_id: userId, device_id: deviceId } } }];
  // The phone was someone else's: she no longer gets its pushes.
  if (owner && owner.cliente_id !== userId) writes.push({ Delete: { Key: deviceKey(owner.cliente_id, deviceId) } });
  await transact(writes);
  if (mine && mine.endpoint_arn !== endpointArn) await deleteEndpoint(mine.endpoint_arn);
  return view(device);
}

/** Removes one of her devices, named by its id or its token; someone else's is not found. */
export async function removeDevice(userId: number, tokenOrId: string): Promise<void> {
  const deviceId = DEVICE_ID.test(tokenOrId) ? tokenOrId : deviceIdOf(tokenOrId);
  const device = await table.get<DeviceItem>(deviceKey(userId, deviceId), { consistent: true });
  if (!device) throw itemNotFound();
  await deleteEndpoint(device.endpoint_arn);
  await forgetDevice(device);
}

/** Deletes the device item and its token lookup (the lookup only while it still names her). */
export async function forgetDevice(device: Pick<DeviceItem, 'cliente_id' | 'device_id' | 'token'>): Promise<void> {
  await table.delete(deviceKey(device.cliente_id, device.device_id));
  await table
    .delete(deviceTokenKey(device.token), { condition: 'cliente_id = :me', values: { ':me': device.cliente_id } })
    .catch((error: Error) => logger.warn('device token lookup not removed', { errorName: error.name }));
}
