/**
 * Timeline images: stored as uploaded in the `media` bucket (no image library
 * without native code fits Lambda here, so the original's SD and HD resizes
 * are both the uploaded file), recorded by id, and found again by content
 * hash so the same file uploaded twice by her answers the same id.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { presignDownload, putObject } from '#shared/storage/objects';
import type { UserRecord } from '../accounts/users.ts';
import { badRequest } from '../errors.ts';
import { mediaKey, userMediaSha1Key } from '../keys.ts';
import { buckets } from '../resources.ts';

export const MAX_IMAGE_BYTES = 5_000_000;
const DOWNLOAD_SECONDS = 300;

export interface MediaRecord {
  pk: string;
  sk: string;
  id: string;
  cliente_id: number;
  intention: string;
  file_sha1: string;
  /** Object keys of the HD and SD versions (the same object: images are kept as uploaded). */
  s3_path: string;
  s3_path_avatar: string;
  content_type: string;
  file_size: number;
  created_at: string;
}

export interface Upload {
  filename: string;
  content: Buffer;
}

const blocked = () => badRequest('upload_blocked', 'Upload está bloqueado para sua conta');

/** The image type by its first bytes, whatever the name says. */
function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

export async function uploadImage(user: UserRecord, intention: string, upload: Upload | undefined): Promise<string> {
  if (user.upload_status === 'blocked_all' || (user.upload_status === 'only_guardiao' && intention !== 'guardiao')) throw blocked();
  if (!upload) throw badRequest('media_missing', 'Upload não foi enviado');
  const bytes = upload.content;
  if (bytes.length <= 2) throw badRequest('media_invalid_size', 'Upload precisa ter mais do que 2 bytes');
  if (bytes.length > MAX_IMAGE_BYTES) throw badRequest('media_too_big', 'Arquivo muito grande, precisa ser menor que 5 Megabytes');
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const existing = await table.get<{ mediaId: string }>(userMediaSha1Key(user.id, sha1));
  if (existing) return existing.mediaId;

  const ext = upload.filename.split('.').pop()?.toLowerCase() ?? '';
  const contentType = imageType(bytes);
  if (!/^(png|jpeg|jpg)$/.test(ext) || !contentType) throw badRequest('unsupported_media_type', 'Tipo de arquivo não é suportado.');

  const id = randomUUID();
  const now = new Date();
  const date = `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}`;
  const time = `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}`;
  const key = `${intention}/cliente_${user.id}/${date}T${time}.${id}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
  await putObject(buckets.media, key, bytes, { contentType });
  const record: MediaRecord = {
    ...mediaKey(id),
    id,
    cliente_id: user.id,
    intention,
    file_sha1: sha1,
    s3_path: key,
    s3_path_avatar: key,
    content_type: contentType,
    file_size: bytes.length,
    created_at: now.toISOString(),
  };
  await transact([
    { Put: { Item: record as unknown as Record<string, unknown> } },
    // Her partition lists the upload (refs), so deleting her account deletes its record.
    {
      Put: { Item: { ...userMediaSha1Key(user.id, sha1), mediaId: id, refs: [mediaKey(id)] }, ConditionExpression: 'attribute_not_exists(pk)' },
      conflictCode: 'media_duplicate',
    },
  ]);
  return id;
}

/** A presigned URL of the image in the quality asked, valid five minutes; undefined when there is no such image. */
export async function imageUrl(mediaId: string, quality: string): Promise<string | undefined> {
  const media = await table.get<MediaRecord>(mediaKey(mediaId));
  if (!media) return undefined;
  return presignDownload(buckets.media, quality === 'sd' ? media.s3_path_avatar : media.s3_path, {
    expiresIn: DOWNLOAD_SECONDS,
    contentType: media.content_type,
  });
}
