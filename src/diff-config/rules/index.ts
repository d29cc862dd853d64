/** Every diff-config rule, by layer: characters, syntax, then meaning. Order is report order for ties. */
import type { Rule } from "../types.js";
import { bom } from "./bom.js";
import { invalidUtf8 } from "./invalid-utf8.js";
import { unicodeSpace } from "./unicode-space.js";
import { zeroWidth } from "./zero-width.js";
import { smartQuote } from "./smart-quote.js";
import { unicodeDash } from "./unicode-dash.js";
import { controlChar } from "./control-char.js";
import { crlf } from "./crlf.js";
import { valueWhitespace } from "./value-whitespace.js";
import { xmlWellFormed } from "./xml-well-formed.js";
import { nginxSyntax } from "./nginx-syntax.js";
import { redisSyntax } from "./redis-syntax.js";
import { redissonSyntax } from "./redisson-syntax.js";
import { redissonConfig } from "./redisson-config.js";
import { className } from "./class-name.js";
import { unknownAttribute } from "./unknown-attribute.js";
import { booleanAttribute } from "./boolean-attribute.js";
import { msmMemcachedNodes } from "./msm-memcached-nodes.js";
import { msmFailoverNodes } from "./msm-failover-nodes.js";
import { msmLockingMode } from "./msm-locking-mode.js";
import { msmSaslIgnored } from "./msm-sasl-ignored.js";
import { msmEnabledNonSticky } from "./msm-enabled-non-sticky.js";
import { msmTranscoder } from "./msm-transcoder.js";
import { msmNonStickyJvmRoute } from "./msm-non-sticky-jvmroute.js";
import { jvmRouteFormat } from "./jvmroute-format.js";
import { jvmRouteUnique } from "./jvmroute-unique.js";
import { jvmRouteMissing } from "./jvmroute-missing.js";
import { redisManagerValve } from "./redis-manager-valve.js";
import { redisPersistPolicies } from "./redis-persist-policies.js";
import { redisMaxInactiveInterval } from "./redis-max-inactive-interval.js";
import { redissonSettings } from "./redisson-settings.js";
import { redisClientPassword } from "./redis-client-password.js";
import { nginxUpstreamUndefined } from "./nginx-upstream-undefined.js";
import { nginxUpstreamName } from "./nginx-upstream-name.js";
import { nginxBackupWithHash } from "./nginx-backup-with-hash.js";
import { nginxProxyHeaderInheritance } from "./nginx-proxy-header-inheritance.js";
import { nginxRouteMismatch } from "./nginx-route-mismatch.js";
import { nginxStickyVersion } from "./nginx-sticky-version.js";
import { nginxStickyModuleNg } from "./nginx-sticky-module-ng.js";
import { redisExposed } from "./redis-exposed.js";
import { redisBindLoopback } from "./redis-bind-loopback.js";
import { tomcatCluster } from "./tomcat-cluster.js";
import { tomcatClusterChannel } from "./tomcat-cluster-channel.js";
import { tomcatClusterStaticMembers } from "./tomcat-cluster-static-members.js";
import { tomcatClusterReplicationValve } from "./tomcat-cluster-replication-valve.js";
import { tomcatClusterMulticastAddress } from "./tomcat-cluster-multicast-address.js";
import { tomcatClusterDistributable } from "./tomcat-cluster-distributable.js";
import { xmlStrayAttribute } from "./xml-stray-attribute.js";
import { catalinaJars } from "./catalina-jars.js";
import { catalinaCompat } from "./catalina-compat.js";
import { managerOverride } from "./manager-override.js";

export const RULES: readonly Rule[] = [
  bom,
  invalidUtf8,
  unicodeSpace,
  zeroWidth,
  smartQuote,
  unicodeDash,
  controlChar,
  crlf,
  valueWhitespace,
  xmlWellFormed,
  nginxSyntax,
  redisSyntax,
  redissonSyntax,
  className,
  unknownAttribute,
  booleanAttribute,
  msmMemcachedNodes,
  msmFailoverNodes,
  msmLockingMode,
  msmSaslIgnored,
  msmEnabledNonSticky,
  msmTranscoder,
  msmNonStickyJvmRoute,
  jvmRouteFormat,
  jvmRouteUnique,
  jvmRouteMissing,
  tomcatCluster,
  tomcatClusterChannel,
  tomcatClusterStaticMembers,
  tomcatClusterReplicationValve,
  tomcatClusterMulticastAddress,
  tomcatClusterDistributable,
  xmlStrayAttribute,
  redisManagerValve,
  redisPersistPolicies,
  redisMaxInactiveInterval,
  redissonSettings,
  redissonConfig,
  redisClientPassword,
  nginxUpstreamUndefined,
  nginxUpstreamName,
  nginxBackupWithHash,
  nginxProxyHeaderInheritance,
  nginxRouteMismatch,
  nginxStickyVersion,
  nginxStickyModuleNg,
  redisExposed,
  redisBindLoopback,
  catalinaJars,
  catalinaCompat,
  managerOverride,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
