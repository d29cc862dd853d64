/**
 * An in-memory Runtime for unit tests: containers, networks and images as plain records, with the
 * engine's label filtering and 404s. Tests script failures with `failCreate`, `exitOnStart` and
 * `execReply`, and read `log` to see what was asked in which order.
 */
import type {
  BuildRequest,
  ContainerSpec,
  ContainerState,
  ExecResult,
  LabContainer,
  Runtime,
} from "../../src/runtime/runtime.js";
import { LABEL_LAB, LABEL_MANAGED } from "../../src/runtime/labels.js";

interface FakeContainer extends LabContainer {
  spec: ContainerSpec;
  exitCode: number;
}

const notFound = (what: string) => Object.assign(new Error(`no such ${what}`), { statusCode: 404 });

export class FakeRuntime implements Runtime {
  readonly containers = new Map<string, FakeContainer>();
  readonly networks = new Map<string, { id: string; name: string; labels: Record<string, string> }>();
  readonly images = new Map<string, { id: string; tags: string[] }>();
  readonly log: string[] = [];
  private seq = 0;
  /** createAndStart of a container with this name throws */
  failCreate?: string;
  /** a container with this name exits right after it starts */
  exitOnStart?: string;
  /** reply of exec, by container name */
  execReply: (name: string, cmd: string[]) => ExecResult = () => ({ exitCode: 0, stdout: "", stderr: "" });

  private matches(labels: Record<string, string>, lab?: string): boolean {
    return labels[LABEL_MANAGED] === "true" && (!lab || labels[LABEL_LAB] === lab);
  }

  async imageExists(ref: string) {
    return [...this.images.values()].some((i) => i.tags.includes(ref));
  }
  async buildImage(req: BuildRequest) {
    this.log.push(`build ${req.tag}`);
    this.images.set(req.tag, { id: `img${++this.seq}`, tags: [req.tag] });
  }
  async listImages() {
    return [...this.images.values()];
  }
  async removeImage(id: string) {
    for (const [k, v] of this.images) if (v.id === id) this.images.delete(k);
  }
  async ensureNetwork(name: string, labels: Record<string, string>) {
    if (!this.networks.has(name)) {
      this.log.push(`network ${name}`);
      this.networks.set(name, { id: `net${++this.seq}`, name, labels });
    }
  }
  async listNetworks(lab?: string) {
    return [...this.networks.values()].filter((n) => this.matches(n.labels, lab));
  }
  async removeNetwork(id: string) {
    const n = [...this.networks.values()].find((x) => x.id === id);
    if (!n) throw notFound("network");
    this.log.push(`rm network ${n.name}`);
    this.networks.delete(n.name);
  }
  async createAndStart(spec: ContainerSpec) {
    if (spec.name === this.failCreate) throw new Error(`cannot create ${spec.name}`);
    if ([...this.containers.values()].some((c) => c.name === spec.name))
      throw Object.assign(new Error(`name ${spec.name} in use`), { statusCode: 409 });
    const id = `c${++this.seq}`;
    const exits = spec.name === this.exitOnStart;
    this.containers.set(id, {
      id,
      name: spec.name,
      state: exits ? "exited" : "running",
      status: exits ? "Exited (1)" : "Up",
      image: spec.image,
      labels: spec.labels,
      ports: spec.publish
        ? [
            {
              hostIp: "127.0.0.1",
              hostPort: spec.publish.hostPort,
              containerPort: spec.publish.containerPort,
            },
          ]
        : [],
      spec,
      exitCode: exits ? 1 : 0,
    });
    this.log.push(`create ${spec.name}`);
    return id;
  }
  async listContainers(lab?: string) {
    return [...this.containers.values()]
      .filter((c) => this.matches(c.labels, lab))
      .map(({ spec: _s, exitCode: _e, ...c }) => c);
  }
  private get(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw notFound("container");
    return c;
  }
  async containerState(id: string): Promise<ContainerState> {
    const c = this.get(id);
    return { running: c.state === "running", exitCode: c.exitCode, status: c.state };
  }
  async stopContainer(id: string) {
    const c = this.get(id);
    c.state = "exited";
    this.log.push(`stop ${c.name}`);
  }
  async killContainer(id: string) {
    const c = this.get(id);
    c.state = "exited";
    c.exitCode = 137;
    this.log.push(`kill ${c.name}`);
  }
  async startContainer(id: string) {
    const c = this.get(id);
    c.state = "running";
    this.log.push(`start ${c.name}`);
  }
  async removeContainer(id: string) {
    const c = this.get(id);
    this.log.push(`rm ${c.name}`);
    this.containers.delete(id);
  }
  async exec(id: string, cmd: string[]) {
    return this.execReply(this.get(id).name, cmd);
  }
  async logText(id: string) {
    return `log of ${this.get(id).name}\n`;
  }
  async logTail(id: string) {
    return [`log of ${this.get(id).name}`];
  }
  async followLogs() {}
}
