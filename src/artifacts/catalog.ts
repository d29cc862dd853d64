/**
 * Every artifact a lab downloads, pinned in this one place: Maven coordinates plus the SHA-1 that
 * Maven Central published for it when it was pinned. A download must match both the repository's
 * checksum file and this pin, so a compromised mirror cannot swap a jar.
 */
export interface Artifact {
  groupId: string;
  artifactId: string;
  version: string;
  /** File extension on the repository ("jar", "tar.gz"). */
  packaging: string;
  sha1: string;
}

const a = (coords: string, packaging: string, sha1: string): Artifact => {
  const [groupId, artifactId, version] = coords.split(":") as [string, string, string];
  return { groupId, artifactId, version, packaging, sha1 };
};

export const ARTIFACTS = {
  tomcat9: a("org.apache.tomcat:tomcat:9.0.117", "tar.gz", "926505eb501565c1585265962dd786fd8d242955"),
  msmCore: a(
    "de.javakaffee.msm:memcached-session-manager:2.3.2",
    "jar",
    "f4cedd664f663a2650b0dfb35d4a7125fbdbe8c2",
  ),
  msmTc9: a(
    "de.javakaffee.msm:memcached-session-manager-tc9:2.3.2",
    "jar",
    "65019aa8f746c8920a3336b1e6950f19fb3c0f08",
  ),
  spymemcached: a("net.spy:spymemcached:2.12.0", "jar", "feac6a9c8019dc1daa77f67ce810951aac5cfbb5"),
} as const satisfies Record<string, Artifact>;

export type ArtifactKey = keyof typeof ARTIFACTS;

export const DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";

export function artifactFileName(art: Artifact): string {
  return `${art.artifactId}-${art.version}.${art.packaging}`;
}

export function artifactPath(art: Artifact): string {
  return `${art.groupId.replace(/\./g, "/")}/${art.artifactId}/${art.version}/${artifactFileName(art)}`;
}

export function coordinates(art: Artifact): string {
  return `${art.groupId}:${art.artifactId}:${art.version}${art.packaging === "jar" ? "" : `:${art.packaging}`}`;
}
