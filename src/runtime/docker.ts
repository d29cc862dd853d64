import type Docker from "dockerode";
import { PassThrough } from "node:stream";
import { EXIT_COULD_NOT_RUN, SessionlabError } from "../core/errors.js";
import { labFilter } from "./labels.js";
import { buildContextTar } from "./build-context.js";
import { pollUntil } from "./wait.js";
import type {
  BuildRequest,
  ContainerSpec,
  ContainerState,
  ExecResult,
  LabContainer,
  Runtime,
} from "./runtime.js";

export type { ContainerSpec, ExecResult, LabContainer } from "./runtime.js";

export class DockerRuntime implements Runtime {
  private constructor(private readonly docker: Docker) {}

  /** Connects to the engine named by DOCKER_HOST or the default socket, and checks it answers. */
  static async connect(): Promise<DockerRuntime> {
    // dockerode (with its gRPC and ssh2 trees) is loaded only by commands that talk to the engine.
    const { default: Docker } = await import("dockerode");
    const docker = new Docker();
    try {
      await docker.ping();
    } catch (e) {
      const where = process.env.DOCKER_HOST ?? "/var/run/docker.sock";
      throw new SessionlabError(
        `the Docker engine at ${where} is not reachable (${(e as Error).message})`,
        "start Docker (e.g. `sudo systemctl start docker` or Docker Desktop), or set DOCKER_HOST",
      );
    }
    return new DockerRuntime(docker);
  }

  async imageExists(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch {
      return false;
    }
  }

  /** Builds an image from in-memory/file context; rejects with the build's own error text. */
  async buildImage(opts: BuildRequest): Promise<void> {
    const context = buildContextTar(opts.files);
    const stream = await this.docker.buildImage(context, {
      t: opts.tag,
      buildargs: opts.buildArgs,
      labels: opts.labels,
      rm: true,
      forcerm: true,
      abortSignal: opts.signal,
    } as Docker.ImageBuildOptions);
    const tail: string[] = [];
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null) => (err ? reject(err) : resolve()),
        (ev: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
          const text = ev.error ?? ev.stream;
          if (!text) return;
          for (const line of text.split("\n").filter((l) => l.trim())) {
            tail.push(line);
            if (tail.length > 30) tail.shift();
            opts.onLine?.(line);
          }
          if (ev.error)
            reject(
              new SessionlabError(
                `image build ${opts.tag} failed: ${ev.error}`,
                undefined,
                EXIT_COULD_NOT_RUN,
                tail,
              ),
            );
        },
      );
    });
  }

  async ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    const existing = await this.docker.listNetworks({ filters: { name: [name] } });
    if (existing.some((n) => n.Name === name)) return;
    await this.docker.createNetwork({ Name: name, Driver: "bridge", Labels: labels, CheckDuplicate: true });
  }

  async createAndStart(spec: ContainerSpec): Promise<string> {
    const portKey = spec.publish ? `${spec.publish.containerPort}/tcp` : undefined;
    const container = await this.docker.createContainer({
      name: spec.name,
      Image: spec.image,
      Labels: spec.labels,
      Env: spec.env && Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
      ExposedPorts: portKey ? { [portKey]: {} } : undefined,
      HostConfig: {
        NetworkMode: spec.network,
        Binds: spec.binds?.map((b) => `${b.host}:${b.container}:ro`),
        // Security by default: only ever published on loopback.
        PortBindings: portKey
          ? { [portKey]: [{ HostIp: "127.0.0.1", HostPort: String(spec.publish!.hostPort) }] }
          : undefined,
        RestartPolicy: { Name: "no" },
        CapAdd: spec.capAdd,
      },
      NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
    });
    await container.start();
    return container.id;
  }

  async listContainers(lab?: string): Promise<LabContainer[]> {
    const list = await this.docker.listContainers({ all: true, filters: labFilter(lab) });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id).replace(/^\//, ""),
      state: c.State,
      status: c.Status,
      image: c.Image,
      labels: c.Labels ?? {},
      ports: (c.Ports ?? [])
        .filter((p) => p.PublicPort)
        .map((p) => ({ hostIp: p.IP ?? "", hostPort: p.PublicPort, containerPort: p.PrivatePort })),
    }));
  }

  async listNetworks(
    lab?: string,
  ): Promise<Array<{ id: string; name: string; labels: Record<string, string> }>> {
    const list = await this.docker.listNetworks({ filters: labFilter(lab) });
    return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
  }

  async listImages(): Promise<Array<{ id: string; tags: string[] }>> {
    const list = await this.docker.listImages({ filters: labFilter() });
    return list.map((i) => ({ id: i.Id, tags: i.RepoTags ?? [] }));
  }

  async removeContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).remove({ force: true, v: true });
  }

  async removeNetwork(id: string): Promise<void> {
    await this.docker.getNetwork(id).remove();
  }

  async removeImage(id: string): Promise<void> {
    await this.docker.getImage(id).remove();
  }

  async containerState(id: string): Promise<ContainerState> {
    const info = await this.docker.getContainer(id).inspect();
    return { running: info.State.Running, exitCode: info.State.ExitCode, status: info.State.Status };
  }

  async stopContainer(id: string, opts: { timeoutSeconds?: number } = {}): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: opts.timeoutSeconds ?? 10 });
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 304) throw e; // 304: already stopped
    }
  }

  async killContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).kill({ signal: "SIGKILL" });
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 409) throw e; // 409: not running
    }
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 304) throw e; // 304: already running
    }
  }

  /** Runs a command in a container and collects its output (demultiplexed). */
  async exec(
    id: string,
    cmd: string[],
    opts: { env?: string[]; timeoutMs?: number; user?: string } = {},
  ): Promise<ExecResult> {
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const exec = await this.docker
      .getContainer(id)
      .exec({ Cmd: cmd, Env: opts.env, User: opts.user, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on("data", (c: Buffer) => chunks.out.push(c));
    err.on("data", (c: Buffer) => chunks.err.push(c));
    this.docker.modem.demuxStream(stream, out, err);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`exec ${cmd[0]} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      stream.on("end", () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on("close", () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    // The stream can end a moment before the engine records the exit code.
    const exitCode = await pollUntil(
      async () => {
        const info = await exec.inspect();
        return info.Running || info.ExitCode === null ? undefined : info.ExitCode;
      },
      { timeoutMs: 2000, intervalMs: 20, onTimeout: () => new Error(`exec ${cmd[0]} reported no exit code`) },
    );
    return {
      exitCode,
      stdout: Buffer.concat(chunks.out).toString("utf8"),
      stderr: Buffer.concat(chunks.err).toString("utf8"),
    };
  }

  /** Last lines of a container's log, stdout and stderr merged. */
  async logText(id: string, lines: number): Promise<string> {
    const buf = (await this.docker
      .getContainer(id)
      .logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    return demuxBuffer(buf);
  }

  async logTail(id: string, lines = 40): Promise<string[]> {
    return (await this.logText(id, lines)).split("\n").filter((l) => l.length > 0);
  }

  /** Streams a container's log to the given writables until it ends or the signal aborts. */
  async followLogs(
    id: string,
    opts: { tail: number; out: NodeJS.WritableStream; err: NodeJS.WritableStream; signal?: AbortSignal },
  ): Promise<void> {
    if (opts.signal?.aborted) return;
    const stream = (await this.docker
      .getContainer(id)
      .logs({ stdout: true, stderr: true, tail: opts.tail, follow: true })) as NodeJS.ReadableStream & {
      destroy(): void;
    };
    this.docker.modem.demuxStream(stream, opts.out, opts.err);
    const stop = () => stream.destroy();
    opts.signal?.addEventListener("abort", stop, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        stream.on("end", resolve);
        stream.on("close", resolve);
        stream.on("error", reject);
      });
    } finally {
      opts.signal?.removeEventListener("abort", stop);
    }
  }
}

/** Docker multiplexes non-TTY logs in 8-byte-header frames; join the payloads. */
export function demuxBuffer(buf: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const type = buf[i];
    const size = buf.readUInt32BE(i + 4);
    if (type !== 0 && type !== 1 && type !== 2) return buf.toString("utf8"); // not multiplexed
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}
