#!/bin/bash
# Starts Tomcat in the foreground, after two waits a cluster member may need (each at most 120 s):
#
# SESSIONLAB_RESOLVE_FIRST: host names that must resolve first. A static cluster member list names its
#   members by host name, and Tomcat looks them up once, when it reads server.xml.
# SESSIONLAB_START_AFTER: the member that starts before this one. While it runs (its name resolves),
#   wait until it answers HTTP on 8080: Tomcat opens its connector only after its webapps have started,
#   and so after DeltaManager has its session state. Two DeltaManager members starting together each
#   queue the other's request for session state while waiting for their own, until
#   stateTransferTimeout (60 s) ends both waits. A Kubernetes StatefulSet starts its pods in turn too.
set -u
deadline=$((SECONDS + 120))

for h in ${SESSIONLAB_RESOLVE_FIRST:-}; do
  until getent hosts "$h" >/dev/null || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.2; done
done

answers_http() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/8080" && printf "HEAD / HTTP/1.0\r\n\r\n" >&3 && head -c 5 <&3 | grep -q "^HTTP"' _ "$1" 2>/dev/null
}
for h in ${SESSIONLAB_START_AFTER:-}; do
  while getent hosts "$h" >/dev/null && ! answers_http "$h" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  echo "sessionlab: starting after $h ($SECONDS s)"
done

exec /opt/tomcat/bin/catalina.sh run
