<%@ page contentType="application/json; charset=UTF-8" session="false" trimDirectiveWhitespaces="true"
    import="java.lang.reflect.Field,java.net.InetAddress,java.util.*,org.apache.catalina.Context,org.apache.catalina.Manager,org.apache.catalina.Session,org.apache.catalina.WebResourceRoot,org.apache.catalina.ha.CatalinaCluster,org.apache.catalina.ha.ClusterManager,org.apache.catalina.ha.ClusterSession,org.apache.catalina.ha.session.DeltaManager,org.apache.catalina.session.ManagerBase,org.apache.catalina.tribes.Member,org.apache.catalina.tribes.tipis.AbstractReplicatedMap" %>
<%!
  static String q(String s) {
    return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
  static String ip(Member m) {
    try { return InetAddress.getByAddress(m.getHost()).getHostAddress(); } catch (Exception e) { return "?"; }
  }
  static String base(Object id) {
    String s = String.valueOf(id);
    int dot = s.indexOf('.');
    return dot < 0 ? s : s.substring(0, dot);
  }
%>
<%
  // sessionlab's cluster page: this member's own view of Tomcat's cluster, asked directly (inside the
  // lab, not through nginx) by readiness and verify. It never creates a session, and never reads one
  // through the manager's get(), which would make a BackupManager member the session's primary.
  // ?peers=a,b names members to look for; ?id=BASE the session to look up (its id before the route).
  Context ctx = ((WebResourceRoot) application.getAttribute("org.apache.catalina.resources")).getContext();
  Manager mgr = ctx.getManager();
  StringBuilder json = new StringBuilder("{\"node\":\"{{node}}\",\"manager\":" + q(mgr.getClass().getSimpleName()));
  // The Engine's cluster (a context inherits it); its manager replicates only if the webapp is distributable.
  CatalinaCluster cluster = ctx.getCluster() instanceof CatalinaCluster ? (CatalinaCluster) ctx.getCluster() : null;
  json.append(",\"replicating\":").append(mgr instanceof ClusterManager);
  if (cluster == null) {
    out.print(json.append(",\"clustered\":false}"));
    return;
  }
  String self = ip(cluster.getLocalMember());
  Set<String> members = new TreeSet<>();
  for (Member m : cluster.getMembers()) members.add(ip(m));
  List<String> missing = new ArrayList<>();
  String peers = request.getParameter("peers");
  if (peers != null) for (String p : peers.split(",")) {
    if (p.isEmpty()) continue;
    boolean seen = false;
    try {
      for (InetAddress a : InetAddress.getAllByName(p)) seen |= members.contains(a.getHostAddress());
    } catch (java.net.UnknownHostException e) {
      // a peer that does not resolve has not joined either
    }
    if (!seen) missing.add(q(p));
  }
  json.append(",\"clustered\":true,\"self\":").append(q(self)).append(",\"members\":[");
  String sep = "";
  for (String m : members) { json.append(sep).append(q(m)); sep = ","; }
  json.append("],\"missing\":").append(missing);
  if (mgr instanceof DeltaManager) json.append(",\"stateTransferred\":").append(((DeltaManager) mgr).getStateTransferred());

  String want = request.getParameter("id");
  String session = "null";
  int count = 0;
  Field f = ManagerBase.class.getDeclaredField("sessions");
  f.setAccessible(true);
  Object sessions = f.get(mgr);
  if (sessions instanceof AbstractReplicatedMap) {
    // BackupManager: primary, backup and proxy entries, read without promoting any of them
    AbstractReplicatedMap<?, ?> map = (AbstractReplicatedMap<?, ?>) sessions;
    for (Object k : map.keySetFull()) {
      AbstractReplicatedMap.MapEntry<?, ?> e = map.getInternal(k);
      if (e == null) continue;
      if (e.isPrimary()) count++;
      if (want == null || !base(k).equals(want)) continue;
      StringBuilder backups = new StringBuilder("[");
      String bs = "";
      if (e.getBackupNodes() != null) for (Member b : e.getBackupNodes()) { backups.append(bs).append(q(ip(b))); bs = ","; }
      session = "{\"id\":" + q(String.valueOf(k)) + ",\"role\":" + q(e.isPrimary() ? "primary" : e.isBackup() ? "backup" : e.isProxy() ? "proxy" : "copy")
          + ",\"primary\":" + q(e.getPrimary() == null ? null : ip(e.getPrimary())) + ",\"backups\":" + backups.append("]") + "}";
    }
  } else {
    // DeltaManager: every member holds every session (a manager outside the cluster: its own only)
    for (Session s : mgr.findSessions()) {
      count++;
      if (want == null || !base(s.getIdInternal()).equals(want)) continue;
      session = "{\"id\":" + q(s.getIdInternal()) + ",\"role\":" + q(s instanceof ClusterSession && ((ClusterSession) s).isPrimarySession() ? "primary" : "copy") + "}";
    }
  }
  out.print(json.append(",\"sessions\":").append(count).append(",\"session\":").append(session).append("}"));
%>
