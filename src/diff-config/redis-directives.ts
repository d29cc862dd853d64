/** Directive names Redis 6–8 accept in redis.conf; anything else is "Bad directive". */
export const REDIS_DIRECTIVES: ReadonlySet<string> = new Set(
  `include loadmodule bind bind-source-addr protected-mode enable-protected-configs enable-debug-command
enable-module-command port tcp-backlog unixsocket unixsocketperm unixsocketgroup timeout tcp-keepalive
socket-mark-id tls-port tls-cert-file tls-key-file tls-key-file-pass tls-client-cert-file
tls-client-key-file tls-client-key-file-pass tls-dh-params-file tls-ca-cert-file tls-ca-cert-dir
tls-auth-clients tls-replication tls-cluster tls-protocols tls-ciphers tls-ciphersuites
tls-prefer-server-ciphers tls-session-caching tls-session-cache-size tls-session-cache-timeout daemonize
supervised pidfile loglevel logfile syslog-enabled syslog-ident syslog-facility crash-log-enabled
crash-memcheck-enabled databases always-show-logo hide-user-data-from-log set-proc-title
proc-title-template locale-collate save stop-writes-on-bgsave-error rdbcompression rdbchecksum
sanitize-dump-payload dbfilename rdb-del-sync-files dir replicaof slaveof masterauth masteruser
replica-serve-stale-data slave-serve-stale-data replica-read-only slave-read-only repl-diskless-sync
repl-diskless-sync-delay repl-diskless-sync-max-replicas repl-diskless-load repl-ping-replica-period
repl-timeout repl-disable-tcp-nodelay repl-backlog-size repl-backlog-ttl replica-priority
slave-priority propagation-error-behavior replica-ignore-disk-write-errors replica-announced
min-replicas-to-write min-replicas-max-lag min-slaves-to-write min-slaves-max-lag replica-announce-ip
replica-announce-port tracking-table-max-keys acllog-max-len aclfile requirepass acl-pubsub-default
rename-command maxclients maxmemory maxmemory-policy maxmemory-samples maxmemory-eviction-tenacity
replica-ignore-maxmemory active-expire-effort lazyfree-lazy-eviction lazyfree-lazy-expire
lazyfree-lazy-server-del replica-lazy-flush lazyfree-lazy-user-del lazyfree-lazy-user-flush io-threads
io-threads-do-reads oom-score-adj oom-score-adj-values disable-thp appendonly appendfilename
appenddirname appendfsync no-appendfsync-on-rewrite auto-aof-rewrite-percentage auto-aof-rewrite-min-size
aof-load-truncated aof-use-rdb-preamble aof-timestamp-enabled shutdown-timeout shutdown-on-sigint
shutdown-on-sigterm lua-time-limit busy-reply-threshold cluster-enabled cluster-config-file
cluster-node-timeout cluster-port cluster-replica-validity-factor cluster-migration-barrier
cluster-allow-replica-migration cluster-require-full-coverage cluster-replica-no-failover
cluster-allow-reads-when-down cluster-allow-pubsubshard-when-down cluster-link-sendbuf-limit
cluster-announce-hostname cluster-announce-human-nodename cluster-preferred-endpoint-type
cluster-announce-ip cluster-announce-tls-port cluster-announce-port cluster-announce-bus-port
slowlog-log-slower-than slowlog-max-len latency-monitor-threshold latency-tracking
latency-tracking-info-percentiles notify-keyspace-events hash-max-listpack-entries
hash-max-listpack-value hash-max-ziplist-entries hash-max-ziplist-value list-max-listpack-size
list-max-ziplist-size list-compress-depth set-max-intset-entries set-max-listpack-entries
set-max-listpack-value zset-max-listpack-entries zset-max-listpack-value zset-max-ziplist-entries
zset-max-ziplist-value hll-sparse-max-bytes stream-node-max-bytes stream-node-max-entries
activerehashing client-output-buffer-limit client-query-buffer-limit proto-max-bulk-len hz dynamic-hz
aof-rewrite-incremental-fsync rdb-save-incremental-fsync lfu-log-factor lfu-decay-time
max-new-connections-per-cycle max-new-tls-connections-per-cycle activedefrag active-defrag-ignore-bytes
active-defrag-threshold-lower active-defrag-threshold-upper active-defrag-cycle-min
active-defrag-cycle-max active-defrag-max-scan-fields jemalloc-bg-thread server-cpulist bio-cpulist
aof-rewrite-cpulist bgsave-cpulist ignore-warnings user`.split(/\s+/),
);
