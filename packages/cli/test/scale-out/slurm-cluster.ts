import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../scale-out/test/redis-server';

const DAEMONS = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'scancel', 'scontrol', 'squeue', 'sinfo'];

/**
 * Why a Slurm cluster cannot run on this machine, or undefined when it can. The deciding check is
 * `slurmd -C` (slurmd probing the node's hardware, as it does at start) run as root with Debian's
 * slurm-wlm and munge installed: slurmd needs root to start job steps as their user.
 */
export function slurmUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'slurmd must run as root (it starts job steps as their user); this test runs as uid ' + process.getuid?.();
  const missing = DAEMONS.filter((d) => !['/usr/sbin', '/usr/bin'].some((p) => existsSync(join(p, d))));
  if (missing.length) return `Debian's slurm-wlm and munge are not installed (missing ${missing.join(', ')}; tools/setup/10-apt.sh installs them)`;
  try {
    execFileSync('slurmd', ['-C'], { stdio: 'pipe', timeout: 30_000 });
  } catch (e) {
    return `slurmd cannot start here: "slurmd -C" failed (${(e as Error).message.split('\n')[0]})`;
  }
  return undefined;
}

/**
 * A real one-node Slurm cluster: its own munged (own key and socket), slurmctld and slurmd on free
 * loopback ports, with a temporary config and state directory, so it touches no system Slurm or
 * munge. Client commands (sbatch, scancel…) find it through SLURM_CONF in `env`.
 */
export class SlurmCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'vstds-slurm-'));
  readonly node = hostname().split('.')[0]!;
  readonly conf = join(this.dir, 'slurm.conf');
  private readonly procs: ChildProcess[] = [];

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, SLURM_CONF: this.conf };
  }

  async start(cpus = 4): Promise<this> {
    // munged refuses a socket directory others cannot traverse.
    chmodSync(this.dir, 0o755);
    for (const d of ['state', 'spool']) mkdirSync(join(this.dir, d));
    const key = join(this.dir, 'munge.key');
    execFileSync('mungekey', ['--create', '--keyfile', key]);
    chmodSync(key, 0o600);
    const socket = join(this.dir, 'munge.socket');
    this.daemon('munged', ['--foreground', '--force', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${join(this.dir, 'munged.pid')}`,
      `--seed-file=${join(this.dir, 'munged.seed')}`, `--log-file=${join(this.dir, 'munged.log')}`]);
    await this.until(() => existsSync(socket), 20_000, 'munged creates its socket');
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    const d = this.dir;
    writeFileSync(this.conf, [
      'ClusterName=vstdstest',
      `SlurmctldHost=${this.node}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      `StateSaveLocation=${d}/state`,
      `SlurmdSpoolDir=${d}/spool`,
      `SlurmctldPidFile=${d}/slurmctld.pid`,
      `SlurmdPidFile=${d}/slurmd.pid`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SchedulerType=sched/builtin',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      // The node may claim more CPUs than the machine has: tasks here are small, and a 2-core CI
      // machine must still run three array tasks and the finalize job side by side.
      'SlurmdParameters=config_overrides',
      'ReturnToService=2',
      'MpiDefault=none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'MinJobAge=3600', // keep finished jobs' records for scontrol show job
      'KillWait=5',
      `SlurmctldLogFile=${d}/slurmctld.log`,
      `SlurmdLogFile=${d}/slurmd.log`,
      `NodeName=${this.node} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=4000 State=UNKNOWN`,
      `PartitionName=vstds Nodes=${this.node} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'));
    this.daemon('slurmctld', ['-D', '-i', '-f', this.conf]);
    await this.until(() => this.tryRun('scontrol', ['ping']).includes('UP'), 60_000, 'slurmctld answers scontrol ping');
    this.daemon('slurmd', ['-D', '-f', this.conf]);
    await this.until(() => /idle/.test(this.tryRun('sinfo', ['-h', '-o', '%T'])), 90_000, 'slurmd registers its node as idle');
    return this;
  }

  run(cmd: string, args: string[]): string {
    return execFileSync(cmd, args, { env: this.env, encoding: 'utf8', timeout: 60_000 }).trim();
  }

  /** `scontrol show job` fields of one job (or array task), e.g. JobState, ExitCode, Restarts. */
  job(id: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const m of this.run('scontrol', ['show', 'job', '-o', id]).split('\n')[0]!.matchAll(/(\w+)=(\S*)/g)) out[m[1]!] ??= m[2]!;
    return out;
  }

  /** Job ids (`A_1`, `B`) still pending or running. */
  queued(): string[] {
    return this.run('squeue', ['-h', '-o', '%i']).split('\n').filter(Boolean);
  }

  logs(): string {
    return ['slurmctld.log', 'slurmd.log'].map((f) => `--- ${f}\n${this.tail(join(this.dir, f))}`).join('\n');
  }

  async stop(): Promise<void> {
    try {
      const jobs = this.queued();
      if (jobs.length) this.run('scancel', jobs);
      await this.until(() => this.queued().length === 0, 30_000, 'jobs end').catch(() => {});
    } catch {
      // the controller is already down
    }
    for (const p of this.procs.reverse()) p.kill('SIGTERM');
    await Promise.all(this.procs.map((p) => new Promise<void>((res) => (p.exitCode !== null || p.signalCode !== null ? res() : p.once('exit', () => res())))));
    rmSync(this.dir, { recursive: true, force: true });
  }

  async until(ok: () => boolean, ms: number, what: string): Promise<void> {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`Slurm test cluster: timed out after ${ms} ms waiting until ${what}\n${this.logs()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private daemon(cmd: string, args: string[]): void {
    const p = spawn(cmd, args, { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
    p.on('exit', (code, signal) => {
      if (code && code !== 0) process.stderr.write(`${cmd} exited ${code ?? signal}: ${err}\n`);
    });
    this.procs.push(p);
  }

  private tryRun(cmd: string, args: string[]): string {
    try {
      return this.run(cmd, args);
    } catch {
      return '';
    }
  }

  private tail(path: string): string {
    try {
      return readFileSync(path, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(none)';
    }
  }
}
