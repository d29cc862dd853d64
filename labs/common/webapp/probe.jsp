<%@ page contentType="application/json; charset=UTF-8" session="true" trimDirectiveWhitespaces="true" %>
<%
  // sessionlab's probe page: which Tomcat served this request, and a counter kept in the session.
  // If the session is shared, the counter rises by one per request whichever Tomcat serves it.
  Integer counter = (Integer) session.getAttribute("sessionlab.counter");
  counter = (counter == null) ? 1 : counter + 1;
  session.setAttribute("sessionlab.counter", counter);
%>
{"node":"{{node}}","sessionId":"<%= session.getId() %>","counter":<%= counter %>,"isNew":<%= session.isNew() %>,"serverIp":"<%= request.getLocalAddr() %>"}
