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
  // The classic Redis manager runs on Tomcat 7 only; Maven Central has it as the com.bluejeans build.
  tomcat7: a("org.apache.tomcat:tomcat:7.0.109", "tar.gz", "db7f3d1c23dc0e3735ae2dbaf7afa4122cfa4aee"),
  redisManager: a(
    "com.bluejeans:tomcat-redis-session-manager:2.0.0",
    "jar",
    "ea51e3d40df9b7804cc7dd2f3293f3281a0ca73a",
  ),
  jedis: a("redis.clients:jedis:2.5.2", "jar", "083d833f48052456f197ba55ef2a82fc4909880b"),
  commonsPool2: a("org.apache.commons:commons-pool2:2.2", "jar", "bd1a6e384f3cf0f9b9a60e1e6c1c1ecbbee7e0b7"),
  // msm's Redis backend: the Jedis and commons-pool2 that msm 2.3.2's core pom names.
  jedisForMsm: a("redis.clients:jedis:2.9.0", "jar", "292bc9cc26553acd3cccc26f2f95620bf88a04c2"),
  commonsPool2ForMsm: a(
    "org.apache.commons:commons-pool2:2.4.2",
    "jar",
    "e5f4f28f19d57716fbc3989d7a357ebf1e454fea",
  ),
  // Redisson: 3.39.0 is the newest version whose redisson-all and redisson-tomcat-9/-10 are all on Central.
  tomcat101: a("org.apache.tomcat:tomcat:10.1.59", "tar.gz", "61976745e0bc4773f4c41d5a253f5c95dc8fa7b1"),
  redissonAll: a("org.redisson:redisson-all:3.39.0", "jar", "e9c5f33cfe99506de91a767747ec9dbd7687935e"),
  redissonTomcat9: a(
    "org.redisson:redisson-tomcat-9:3.39.0",
    "jar",
    "62b542bbc31a970460e3cf90cf7ac2b230d3b7aa",
  ),
  redissonTomcat10: a(
    "org.redisson:redisson-tomcat-10:3.39.0",
    "jar",
    "5de0391d6b8428efe1ef37404f1196aea3d7ae21",
  ),
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
