<%@ page contentType="application/json; charset=UTF-8" session="false" trimDirectiveWhitespaces="true" %>
<%-- The same work as probe.jsp without a session: sessionlab bench's baseline, what sharing costs nothing on. --%>
{"node":"{{node}}","serverIp":"<%= request.getLocalAddr() %>"}
