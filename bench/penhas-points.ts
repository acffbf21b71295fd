/**
 * PenhaS support-point search through the local gateway, with 10,000 points:
 * latency (p50/p99) and the DynamoDB operations of one search, for the web
 * map's searches around a place (50 km, the default, and 10 km) and for the
 * app's call (`full_list=1`: every point of the project, what the app shows
 * on its map). Points are spread as real ones are: most around the capitals,
 * the rest anywhere in Brazil.
 */
import { request as httpRequest } from 'node:http';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { CATEGORIAS } from '../functions/penhas/content/points/points-data.ts';
import { type PontoApoio, pointItems } from '../functions/penhas/points/points.ts';
import penhas from '../functions/penhas/service.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { freshIp, penhasHarness } from '../test/penhas/app-client.ts';
import { point } from '../test/penhas/points/point-fixtures.ts';

const CAPITALS: readonly [number, number][] = [
  [-23.55, -46.63],
  [-22.9, -43.2],
  [-19.92, -43.94],
  [-15.79, -47.88],
  [-12.97, -38.5],
  [-8.05, -34.9],
  [-3.73, -38.52],
  [-30.03, -51.22],
  [-25.43, -49.27],
  [-3.1, -60.02],
  [-1.45, -48.5],
  [-16.68, -49.25],
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** A deterministic generator, so every run measures the same points. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const normal = (next: () => number) => Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next());

export interface SearchFigures {
  label: string;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  rowsMedian: number;
  operations: string;
}

export interface PointsBench {
  points: number;
  searches: SearchFigures[];
}

const FIRST_ID = 1_000_000;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A GET as the app sends it, timed without the test client's document checks (a full list is megabytes). */
function get(url: string, options: { ip?: string; apiKey?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: options.apiKey ? { 'x-api-key': options.apiKey } : {}, localAddress: options.ip ?? '127.0.0.1' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function benchPenhasPoints(options: { points?: number; searches?: number; listCacheSeconds?: number } = {}): Promise<PointsBench> {
  const total = options.points ?? 10_000;
  const searches = options.searches ?? 100;
  const runtime = await startRuntime({
    services: [penhas],
    environment: { DB_OP_COUNT_HEADER: 'true', PA_LIST_CACHE_SECONDS: String(options.listCacheSeconds ?? 0) },
    log: () => undefined,
  });
  const h = penhasHarness(runtime);
  try {
    const next = random(42);
    const points: PontoApoio[] = [];
    for (let i = 0; i < total; i++) {
      const [lat, lng] =
        next() < 0.7
          ? (() => {
              const [clat, clng] = CAPITALS[Math.floor(next() * CAPITALS.length)];
              return [clat + normal(next) * 0.15, clng + normal(next) * 0.15];
            })()
          : [-33 + next() * 38, -73 + next() * 39];
      const categoria = CATEGORIAS[Math.floor(next() * CATEGORIAS.length)];
      const abrangencia = i % 500 === 0 ? 'Regional' : 'Local';
      points.push(
        point(FIRST_ID + i, {
          nome: `Ponto de apoio ${i}`,
          categoria: categoria.id,
          latitude: Number(lat.toFixed(6)),
          longitude: Number(lng.toFixed(6)),
          abrangencia,
          cod_ibge: abrangencia === 'Regional' ? 3550308 : null,
          eh_24h: next() < 0.2 ? 1 : 0,
          projetos: [1],
        }),
      );
    }
    const labels = new Map(CATEGORIAS.map((c) => [c.id, c.label]));
    const items = points.flatMap((p) => {
      const { detail, entry } = pointItems(p, labels.get(p.categoria) ?? '');
      return [detail, entry];
    });
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (cursor < batches.length) {
          let pending = batches[cursor++].map((Item) => ({ PutRequest: { Item } }));
          while (pending.length) {
            const out = await h.table.db.send(new BatchWriteCommand({ RequestItems: { [h.table.name]: pending } }));
            pending = (out.UnprocessedItems?.[h.table.name] ?? []) as typeof pending;
          }
        }
      }),
    );

    const places = Array.from({ length: searches + 5 }, () => {
      const [clat, clng] = CAPITALS[Math.floor(next() * CAPITALS.length)];
      return { latitude: (clat + normal(next) * 0.1).toFixed(6), longitude: (clng + normal(next) * 0.1).toFixed(6) };
    });

    const url = (path: string, query: Record<string, string | number>) =>
      `${runtime.url}/penhas${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`;

    async function measure(label: string, count: number, send: (index: number) => Promise<Answer>): Promise<SearchFigures> {
      const ms: number[] = [];
      const rows: number[] = [];
      let operations = '';
      for (let i = 0; i < count + 3; i++) {
        const started = performance.now();
        const reply = await send(i);
        const elapsed = performance.now() - started;
        if (reply.status !== 200) throw new Error(`${label} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
        if (i < 3) continue;
        ms.push(elapsed);
        rows.push((JSON.parse(reply.text) as { rows: unknown[] }).rows.length);
        operations = `${reply.headers['x-db-operations']} (${reply.headers['x-db-operations-by-command']})`;
      }
      return { label, requests: count, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), rowsMedian: percentile(rows, 50), operations };
    }

    const figures: SearchFigures[] = [];
    figures.push(await measure('GET /pontos-de-apoio, 50 km (default), 100 rows', searches, (i) => get(url('/pontos-de-apoio', places[i]), { ip: freshIp() })));
    figures.push(
      await measure('GET /pontos-de-apoio, max_distance=10', searches, (i) =>
        get(url('/pontos-de-apoio', { ...places[i], max_distance: 10 }), { ip: freshIp() }),
      ),
    );
    // Her searches are limited to 10 a minute: one account per 8 requests.
    const appCalls = Math.min(searches, 40);
    const accounts = await Promise.all(Array.from({ length: Math.ceil((appCalls + 3) / 8) }, () => h.seedAccount()));
    const cache = options.listCacheSeconds ? `list kept ${options.listCacheSeconds} s` : 'no list cache';
    figures.push(
      await measure(`GET /me/pontos-de-apoio, full_list=1 (the app), ${cache}`, appCalls, (i) =>
        get(url('/me/pontos-de-apoio', { ...places[i], projeto: 'Penhas', full_list: 1 }), { apiKey: accounts[Math.floor(i / 8)].session }),
      ),
    );
    return { points: total, searches: figures };
  } finally {
    h.table.close();
    await runtime.stop();
  }
}
