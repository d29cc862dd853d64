/**
 * The session managers, valves and transcoders the reference documents, with the attributes each
 * class has a setter for. Tomcat ignores any other attribute with only a WARN in catalina.out.
 */
export type Flavor = "msm" | "jcoleman" | "redisson" | "tomcat";

const MANAGER_BASE = `className maxActiveSessions processExpiresFrequency secureRandomClass secureRandomAlgorithm
secureRandomProvider persistAuthentication sessionAttributeNameFilter sessionAttributeValueClassNameFilter
warnOnSessionAttributeFilterFailure notifyBindingListenerOnUnchangedValue notifyAttributeListenerOnUnchangedValue
pathname sessionIdLength maxInactiveInterval distributable duplicates expiredSessions sessionCounter sessionMaxAliveTime`;

const MSM_ATTRS = `memcachedNodes failoverNodes sticky lockingMode lockExpiration requestUriIgnorePattern
sessionAttributeFilter sessionBackupAsync sessionBackupTimeout backupThreadCount operationTimeout memcachedProtocol
username password storageKeyPrefix transcoderFactoryClass copyCollectionsForSerialization customConverter
enableStatistics enabled maxInactiveInterval`;

const JCOLEMAN_ATTRS = `host port database password timeout sessionPersistPolicies sentinelMaster sentinels
serializationStrategyClass maxInactiveInterval connectionPoolMaxTotal connectionPoolMaxIdle connectionPoolMinIdle lifo
maxWaitMillis minEvictableIdleTimeMillis softMinEvictableIdleTimeMillis numTestsPerEvictionRun testOnCreate testOnBorrow
testOnReturn testWhileIdle timeBetweenEvictionRunsMillis evictionPolicyClassName blockWhenExhausted jmxEnabled
jmxNameBase jmxNamePrefix`;

const REDISSON_ATTRS =
  "configPath readMode updateMode broadcastSessionEvents broadcastSessionUpdates keyPrefix jndiName";

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const JCOLEMAN_PACKAGES = [
  "com.radiadesign.catalina.session",
  "com.orangefunction.tomcat.redissessions",
  "com.bluejeans.tomcat.redissessions",
];

export interface ManagerClass {
  flavor: Flavor;
  attributes: ReadonlySet<string>;
  booleans: ReadonlySet<string>;
}

const msm: ManagerClass = {
  flavor: "msm",
  attributes: new Set([...words(MANAGER_BASE), ...words(MSM_ATTRS)]),
  booleans: new Set([
    "sticky",
    "sessionBackupAsync",
    "copyCollectionsForSerialization",
    "enableStatistics",
    "enabled",
  ]),
};
const jcoleman: ManagerClass = {
  flavor: "jcoleman",
  attributes: new Set([...words(MANAGER_BASE), ...words(JCOLEMAN_ATTRS)]),
  booleans: new Set([
    "lifo",
    "testOnCreate",
    "testOnBorrow",
    "testOnReturn",
    "testWhileIdle",
    "blockWhenExhausted",
    "jmxEnabled",
  ]),
};
const redisson: ManagerClass = {
  flavor: "redisson",
  attributes: new Set([...words(MANAGER_BASE), ...words(REDISSON_ATTRS)]),
  booleans: new Set(["broadcastSessionEvents", "broadcastSessionUpdates"]),
};

export const MANAGER_CLASSES: ReadonlyMap<string, ManagerClass> = new Map([
  ["de.javakaffee.web.msm.MemcachedBackupSessionManager", msm],
  ["de.javakaffee.web.msm.DummyMemcachedBackupSessionManager", msm],
  ...JCOLEMAN_PACKAGES.map((p) => [`${p}.RedisSessionManager`, jcoleman] as [string, ManagerClass]),
  ["org.redisson.tomcat.RedissonSessionManager", redisson],
  ["org.redisson.tomcat.JndiRedissonSessionManager", redisson],
]);

export const MSM_TRANSCODERS = [
  "de.javakaffee.web.msm.JavaSerializationTranscoderFactory",
  "de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory",
  "de.javakaffee.web.msm.serializer.javolution.JavolutionTranscoderFactory",
  "de.javakaffee.web.msm.serializer.xstream.XStreamTranscoderFactory",
  "de.javakaffee.web.msm.serializer.json.JSONTranscoderFactory",
];

/** Every class name a typo could be aimed at. */
export const KNOWN_CLASS_NAMES: readonly string[] = [
  ...MANAGER_CLASSES.keys(),
  ...JCOLEMAN_PACKAGES.map((p) => `${p}.RedisSessionHandlerValve`),
  ...MSM_TRANSCODERS,
  "org.apache.catalina.session.StandardManager",
  "org.apache.catalina.session.PersistentManager",
  "org.apache.catalina.ha.session.DeltaManager",
  "org.apache.catalina.ha.session.BackupManager",
  "org.apache.catalina.ha.tcp.SimpleTcpCluster",
  "org.apache.catalina.ha.tcp.ReplicationValve",
  "org.apache.catalina.ha.session.JvmRouteBinderValve",
  "org.apache.catalina.ha.session.ClusterSessionListener",
  "org.apache.catalina.tribes.group.GroupChannel",
  "org.apache.catalina.tribes.membership.McastService",
  "org.apache.catalina.tribes.membership.StaticMembershipService",
  "org.apache.catalina.tribes.membership.StaticMember",
  "org.apache.catalina.tribes.transport.nio.NioReceiver",
  "org.apache.catalina.tribes.transport.ReplicationTransmitter",
  "org.apache.catalina.tribes.transport.nio.PooledParallelSender",
  "org.apache.catalina.tribes.group.interceptors.TcpFailureDetector",
  "org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor",
  "org.apache.catalina.tribes.group.interceptors.StaticMembershipInterceptor",
  "org.apache.catalina.valves.RemoteIpValve",
  "org.apache.catalina.valves.AccessLogValve",
  "org.apache.catalina.valves.ErrorReportValve",
  "org.apache.catalina.valves.CrawlerSessionManagerValve",
  "org.apache.catalina.startup.VersionLoggerListener",
  "org.apache.catalina.core.AprLifecycleListener",
  "org.apache.catalina.core.JreMemoryLeakPreventionListener",
  "org.apache.catalina.mbeans.GlobalResourcesLifecycleListener",
  "org.apache.catalina.core.ThreadLocalLeakPreventionListener",
  "org.apache.catalina.realm.LockOutRealm",
  "org.apache.catalina.realm.UserDatabaseRealm",
  "org.apache.catalina.users.MemoryUserDatabaseFactory",
];

/**
 * Tomcat classes that exist only in some versions. A server.xml from a Tomcat 7 cluster how-to names
 * MessageDispatch15Interceptor, which is right there and a ClassNotFoundException on 8.5+.
 */
export interface VersionedClass {
  /** The first Tomcat version without the class ("8.5"). */
  removedIn: string;
  replacement: string;
}

export const VERSIONED_CLASSES: ReadonlyMap<string, VersionedClass> = new Map([
  [
    "org.apache.catalina.tribes.group.interceptors.MessageDispatch15Interceptor",
    {
      removedIn: "8.5",
      replacement: "org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor",
    },
  ],
  [
    "org.apache.catalina.ha.session.JvmRouteSessionIDBinderListener",
    { removedIn: "8.0", replacement: "(nothing: JvmRouteBinderValve alone does the work since 8.0)" },
  ],
  ["org.apache.catalina.core.JasperListener", { removedIn: "8.0", replacement: "(nothing: remove it)" }],
]);

/** The manager a className means, tolerating a typo (reported by class-name) so other rules still run. */
export function managerClass(className: string | undefined): ManagerClass | undefined {
  if (className === undefined) return undefined;
  const exact = MANAGER_CLASSES.get(className.trim());
  if (exact) return exact;
  const guess = nearest(className.trim(), MANAGER_CLASSES.keys(), 3);
  return guess ? MANAGER_CLASSES.get(guess) : undefined;
}

/** Levenshtein distance, capped: anything above `max` returns max + 1. */
export function editDistance(a: string, b: string, max = 4): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** The closest candidate within `max` edits (case-insensitive tie-break first), if any. */
export function nearest(value: string, candidates: Iterable<string>, max = 3): string | undefined {
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = c.toLowerCase() === value.toLowerCase() ? 0 : editDistance(value, c, max);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
