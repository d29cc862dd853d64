<%@ page language="java" contentType="text/html; charset=UTF-8" %>
<html>
  <head><title>{{node}}</title></head>
  <body>
    <h1>{{node}} page</h1>
    SessionID:<%= session.getId() %><br>
    SessionIP:<%= request.getLocalAddr() %><br>
    SessionPort:<%= request.getLocalPort() %><br>
  </body>
</html>
