import type { BuildContextFile } from "./build-context.js";

/** Engine-neutral view of a container, so nothing above this layer sees an engine's own types. */
export interface LabContainer {
  id: string;
  name: string;
  state: string; // running, exited, created, ...
  status: string; // human text, e.g. "Up 3 minutes"
  image: string;
  labels: Record<string, string>;
  ports: Array<{ hostIp: string; hostPort: number; containerPort: number }>;
}

export interface ContainerSpec {
  name: string;
  image: string;
  network: string;
  aliases: string[];
  labels: Record<string, string>;
  /** host path → container path, read-only */
  binds?: Array<{ host: string; container: string }>;
  /** container port published on 127.0.0.1:hostPort */
  publish?: { containerPort: number; hostPort: number };
  /** Linux capabilities beyond Docker's default set (e.g. NET_ADMIN for a drill's tc netem) */
  capAdd?: string[];
  /** environment variables of the container's process */
  env?: Record<string, string>;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface BuildRequest {
  tag: string;
  files: BuildContextFile[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface ContainerState {
  running: boolean;
  exitCode: number;
  status: string;
}

/**
 * Everything sessionlab asks of a container engine. Docker implements it (docker.ts); unit tests use
 * an in-memory fake. Errors for objects that do not exist carry `statusCode: 404`.
 */
export interface Runtime {
  imageExists(ref: string): Promise<boolean>;
  buildImage(req: BuildRequest): Promise<void>;
  listImages(): Promise<Array<{ id: string; tags: string[] }>>;
  removeImage(id: string): Promise<void>;

  ensureNetwork(name: string, labels: Record<string, string>): Promise<void>;
  listNetworks(lab?: string): Promise<Array<{ id: string; name: string; labels: Record<string, string> }>>;
  removeNetwork(id: string): Promise<void>;

  createAndStart(spec: ContainerSpec): Promise<string>;
  listContainers(lab?: string): Promise<LabContainer[]>;
  containerState(id: string): Promise<ContainerState>;
  stopContainer(id: string, opts?: { timeoutSeconds?: number }): Promise<void>;
  startContainer(id: string): Promise<void>;
  /** SIGKILL: no shutdown hooks, as when a machine dies */
  killContainer(id: string): Promise<void>;
  removeContainer(id: string): Promise<void>;

  exec(
    id: string,
    cmd: string[],
    opts?: { env?: string[]; timeoutMs?: number; user?: string },
  ): Promise<ExecResult>;
  logText(id: string, lines: number): Promise<string>;
  logTail(id: string, lines?: number): Promise<string[]>;
  followLogs(
    id: string,
    opts: { tail: number; out: NodeJS.WritableStream; err: NodeJS.WritableStream; signal?: AbortSignal },
  ): Promise<void>;
}
