import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RedisServerOptions {
  password?: string;
  /** Append-only file with fsync on every write, so a restart keeps the queue. */
  aof?: boolean;
  /** Serve TLS only (a self-signed certificate made with openssl); `ca` is its PEM path. */
  tls?: boolean;
}

/**
 * Debian's redis-server on a free 127.0.0.1 port, with its own directory and config file (the
 * password stays out of the process list). Never listens on anything but loopback.
 */
export class RedisServer {
  private proc: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'vstds-redis-'));
  port = 0;
  ca: string | undefined;
  log = '';

  constructor(private readonly opts: RedisServerOptions = {}) {}

  get url(): string {
    const auth = this.opts.password ? `:${encodeURIComponent(this.opts.password)}@` : '';
    return `${this.opts.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    const lines = [
      'bind 127.0.0.1',
      'protected-mode yes',
      `dir ${this.dir}`,
      'save ""',
      `appendonly ${this.opts.aof ? 'yes' : 'no'}`,
      'appendfsync always',
      'daemonize no',
      'logfile ""',
    ];
    if (this.opts.password) lines.push(`requirepass ${this.opts.password}`);
    if (this.opts.tls) {
      if (!this.ca) this.makeCertificate();
      lines.push('port 0', `tls-port ${this.port}`, `tls-cert-file ${join(this.dir, 'cert.pem')}`, `tls-key-file ${join(this.dir, 'key.pem')}`, 'tls-auth-clients no');
    } else lines.push(`port ${this.port}`);
    writeFileSync(join(this.dir, 'redis.conf'), `${lines.join('\n')}\n`, { mode: 0o600 });
    const proc = spawn('/usr/bin/redis-server', [join(this.dir, 'redis.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (d) => (this.log += d));
    proc.stderr!.on('data', (d) => (this.log += d));
    const deadline = Date.now() + 10_000;
    while (!/Ready to accept connections/.test(this.log)) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${this.log}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start: ${this.log}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    this.log = '';
    return this;
  }

  /** Stops (SIGTERM: the AOF is complete) and starts again on the same port and directory. */
  async restart(downMs = 300): Promise<void> {
    await this.stop(false);
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  async stop(removeDir = true): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    }
    if (removeDir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Whether something answers on the port (for checks that it is down). */
  answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const s = connect(this.port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
  }

  private makeCertificate(): void {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(this.dir, 'key.pem'), '-out', join(this.dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    this.ca = join(this.dir, 'cert.pem');
    readFileSync(this.ca); // fail here, not in the client, if openssl wrote nothing
  }
}
