<%@ page contentType="application/json; charset=UTF-8" session="true" trimDirectiveWhitespaces="true" %>
<%
  // sessionlab's probe page: which Tomcat served this request, and a counter kept in the session.
  // If the session is shared, the counter rises by one per request whichever Tomcat serves it.
  Integer counter = (Integer) session.getAttribute("sessionlab.counter");
  counter = (counter == null) ? 1 : counter + 1;
  session.setAttribute("sessionlab.counter", counter);
  // ?pad=N keeps N bytes of data in the session too (sessionlab bench: what a bigger session costs).
  String pad = request.getParameter("pad");
  if (pad != null) {
    int size = Math.max(0, Math.min(1048576, Integer.parseInt(pad)));
    byte[] data = (byte[]) session.getAttribute("sessionlab.pad");
    if (data == null || data.length != size) data = new byte[size];
    if (size > 0) data[counter % size] ^= 1; // a change, so the manager writes the session back
    session.setAttribute("sessionlab.pad", data);
  }
%>
{"node":"{{node}}","sessionId":"<%= session.getId() %>","counter":<%= counter %>,"isNew":<%= session.isNew() %>,"serverIp":"<%= request.getLocalAddr() %>"}
