/**
 * The local object store's buckets and objects: in memory, or kept on disk under
 * `<dir>/<bucket>/` as one content file and one JSON sidecar (the key and
 * metadata) per object. File names are a hash of the key, so any key is a valid
 * file name even on case-insensitive file systems. Metadata of every object is
 * held in memory for listing; content is read from disk on demand.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ObjectInfo {
  key: string;
  size: number;
  /** Quoted MD5 of the content, as S3 reports it for single-part uploads. */
  etag: string;
  /** ISO time. */
  lastModified: string;
  contentType: string;
  /** `x-amz-meta-*` values by lowercase name without the prefix. */
  metadata: Record<string, string>;
  /** Stored representation headers (cache-control, content-disposition, ...) by lowercase name. */
  headers: Record<string, string>;
}

export class Bucket {
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly bodies = new Map<string, Buffer>();
  /** Disk writes of one bucket happen in arrival order, so the last PUT of a key wins on disk as in memory. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly created: Date,
    /** Web origins browsers may call it from; none when it has no CORS rule. */
    public corsOrigins: string[] | undefined,
    private readonly dir?: string,
  ) {}

  head(key: string): ObjectInfo | undefined {
    return this.objects.get(key);
  }

  /** Objects whose key starts with `prefix`, in key order. */
  list(prefix: string): ObjectInfo[] {
    return [...this.objects.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async read(info: ObjectInfo): Promise<Buffer> {
    if (!this.dir) return this.bodies.get(info.key) ?? Buffer.alloc(0);
    return readFile(this.file(info.key, '.bin'));
  }

  write(info: ObjectInfo, body: Buffer): Promise<void> {
    return this.serialize(async () => {
      if (this.dir) {
        await atomicWrite(this.file(info.key, '.bin'), body);
        await atomicWrite(this.file(info.key, '.json'), JSON.stringify(info));
      } else {
        this.bodies.set(info.key, body);
      }
      this.objects.set(info.key, info);
    });
  }

  remove(key: string): Promise<void> {
    return this.serialize(async () => {
      this.objects.delete(key);
      this.bodies.delete(key);
      if (this.dir) {
        await rm(this.file(key, '.json'), { force: true });
        await rm(this.file(key, '.bin'), { force: true });
      }
    });
  }

  /** Reads the sidecars of a bucket kept on disk; content without a sidecar is a write cut short and is ignored. */
  async load(): Promise<void> {
    if (!this.dir) return;
    for (const entry of await readdir(this.dir)) {
      if (!entry.endsWith('.json')) continue;
      const info = JSON.parse(await readFile(path.join(this.dir, entry), 'utf8')) as ObjectInfo;
      this.objects.set(info.key, info);
    }
  }

  private file(key: string, extension: string): string {
    return path.join(this.dir!, createHash('sha256').update(key).digest('hex') + extension);
  }

  private serialize(write: () => Promise<void>): Promise<void> {
    const next = this.writes.then(write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

async function atomicWrite(file: string, data: Buffer | string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

export class BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  /** Without a directory, nothing outlives the process. */
  constructor(private readonly dir?: string) {}

  /** Buckets kept from earlier runs. */
  async load(): Promise<void> {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(this.dir, entry.name);
      const bucket = new Bucket(entry.name, (await stat(dir)).birthtime, undefined, dir);
      await bucket.load();
      this.buckets.set(entry.name, bucket);
    }
  }

  get(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  all(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates the bucket unless it exists (kept from an earlier run); either way with these settings. */
  async ensure(name: string, options: { corsOrigins?: string[] } = {}): Promise<Bucket> {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      const dir = this.dir && path.join(this.dir, name);
      if (dir) await mkdir(dir, { recursive: true });
      bucket = new Bucket(name, new Date(), undefined, dir);
      this.buckets.set(name, bucket);
    }
    bucket.corsOrigins = options.corsOrigins ?? bucket.corsOrigins;
    return bucket;
  }
}
