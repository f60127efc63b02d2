import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sample } from '@vstds/reader';
import { datasetStatistics, type DatasetStatistics, type StatisticsOptions } from './dataset-statistics';
import { readOrSkip, surveyDataset, type DatasetSurvey } from './dataset-survey';
import { PortInUseError, ReportOptionError } from './errors';
import { reportData } from './report-data';
import { reportPage } from './report-page';
import { melPng, rowWav, servedRowCard } from './row-card';
import { checkReportOptions } from './write-report';

export interface ServeOptions extends Partial<StatisticsOptions> {
  /** Default 127.0.0.1: the dataset stays on this machine unless asked otherwise. */
  host?: string;
  /** Default 8765; 0 picks a free port. */
  port?: number;
  rows?: number;
  seed?: number;
}

export interface ReportServer {
  url: string;
  host: string;
  port: number;
  survey: DatasetSurvey;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;
const CACHED_ROWS = 64;
const MAX_GRID_ROWS = 1000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves DIR's report: the page at /, rows read lazily by global id (api/rows/ID, its mel PNGs and
 * WAV), statistics computed once on first request. Opening never scans the dataset, so a million
 * rows open as fast as a hundred.
 */
export async function serveReport(dir: string, options: ServeOptions = {}): Promise<ReportServer> {
  const { rows: rowCount, seed } = checkReportOptions(options);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ReportOptionError(`vstds report: --port: expected a port number 0..65535, got ${port}`);
  const survey = await surveyDataset(dir, 'lazy');
  const cache = new Map<number, Sample>();
  let statistics: Promise<DatasetStatistics> | undefined;

  const sample = async (id: number): Promise<Sample> => {
    const hit = cache.get(id);
    if (hit) return hit;
    const lost = survey.damaged.find((d) => d.first_global_id !== undefined && id >= d.first_global_id && id < d.first_global_id + (d.num_samples ?? 0));
    if (lost) throw new HttpError(410, `row ${id}: ${lost.file} is damaged, skipped: ${lost.problems.join('; ')}`);
    if (!Number.isSafeInteger(id) || !survey.rows.rangeOf(id)) throw new HttpError(404, `row ${id}: expected a global id held by a readable chunk (${survey.rows.size} rows readable)`);
    const s = await readOrSkip(survey, id, () => survey.reader.getSample(id));
    if (!s) {
      const d = survey.damaged.at(-1);
      throw new HttpError(410, `row ${id}: ${d?.file ?? 'its chunk'} is damaged, skipped: ${d?.problems.join('; ')}`);
    }
    cache.set(id, s);
    if (cache.size > CACHED_ROWS) cache.delete(cache.keys().next().value as number);
    return s;
  };
  const card = async (id: number) => servedRowCard(await sample(id), survey.info.channels);

  const routes: [RegExp, (m: RegExpMatchArray, url: URL, req: IncomingMessage, res: ServerResponse) => Promise<void>][] = [
    [/^\/$/, async (_m, _u, _q, res) => send(res, 200, 'text/html; charset=utf-8', reportPage(reportData('serve', survey, { statistics: null, rows: [], rowCount, seed })))],
    [/^\/api\/problems$/, async (_m, _u, _q, res) => json(res, { damaged: survey.damaged, missing: survey.missing })],
    [/^\/api\/statistics$/, async (_m, _u, _q, res) => {
      statistics ??= datasetStatistics(survey, { seed, paramRows: options.paramRows, signalRows: options.signalRows });
      json(res, await statistics);
    }],
    [/^\/api\/rows$/, async (_m, url, _q, res) => {
      const n = intParam(url, 'n', rowCount);
      const s = intParam(url, 'seed', seed);
      if (n > MAX_GRID_ROWS) throw new HttpError(400, `n: expected at most ${MAX_GRID_ROWS}, got ${n}`);
      const cards = [];
      for (const id of survey.rows.sample(n, s)) {
        try {
          cards.push(await card(id));
        } catch (err) {
          if (!(err instanceof HttpError)) throw err; // a damaged chunk: named in api/problems, row skipped
        }
      }
      json(res, cards);
    }],
    [/^\/api\/rows\/(\d+)$/, async (m, _u, _q, res) => json(res, await card(Number(m[1])))],
    [/^\/api\/rows\/(\d+)\/params$/, async (m, _u, _q, res) => json(res, (await sample(Number(m[1]))).params)],
    [/^\/api\/rows\/(\d+)\/mel\/(\d+)\.png$/, async (m, _u, _q, res) => {
      const s = await sample(Number(m[1]));
      const mel = s.mel_spec[Number(m[2])];
      if (!mel) throw new HttpError(404, `row ${m[1]}: channel ${m[2]}: expected 0..${s.mel_spec.length - 1}`);
      send(res, 200, 'image/png', melPng(mel, survey.info.n_mels, survey.info.frames));
    }],
    [/^\/api\/rows\/(\d+)\/audio\.wav$/, async (m, _u, req, res) => sendRanged(req, res, 'audio/wav', rowWav(await sample(Number(m[1])), survey.info.sample_rate))],
  ];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes.find(([re]) => re.test(url.pathname)) : undefined;
    if (!route) {
      send(res, 404, 'text/plain; charset=utf-8', `${req.method} ${url.pathname}: no such page`);
      return;
    }
    route[1](url.pathname.match(route[0])!, url, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', (err as Error).message ?? String(err));
      else res.destroy();
    });
  });
  const bound = await listen(server, host, port);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`,
    host,
    port: bound,
    survey,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          survey.reader.close();
          done();
        });
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(host, port));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ReportOptionError(`vstds report: --host: expected an address of this machine, got ${host} (${err.code})`));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new HttpError(400, `${name}: expected a whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { 'content-type': type, 'content-length': buf.length, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** Media elements seek with Range requests; one byte range is all they ask for. */
function sendRanged(req: IncomingMessage, res: ServerResponse, type: string, body: Uint8Array): void {
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (!m || (!m[1] && !m[2])) {
    res.setHeader('accept-ranges', 'bytes');
    send(res, 200, type, body);
    return;
  }
  const start = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
  if (start >= body.length || start > end) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` });
    res.end();
    return;
  }
  const part = body.subarray(start, end + 1);
  res.writeHead(206, { 'content-type': type, 'content-length': part.length, 'content-range': `bytes ${start}-${end}/${body.length}`, 'accept-ranges': 'bytes', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(part.buffer, part.byteOffset, part.byteLength));
}
