-- EWS stand-in behind the NTLM endpoint: answers any SOAP request with a success response for
-- the operation named first in soap:Body, and reports who Apache authenticated.
local ENVELOPE = [[<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header><s:Body><m:%sResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:%sResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:%sResponseMessage></m:ResponseMessages></m:%sResponse></s:Body></s:Envelope>]]

function handle(r)
  local body = r:requestbody() or ""
  local after = body:match("Body[^>]*>(.*)") or ""
  local op = (after:match("<([%w_:]+)") or "Unknown"):gsub("^.*:", "")
  r.content_type = "text/xml; charset=utf-8"
  r.headers_out["X-Authlab-User"] = r.user or ""
  r.headers_out["X-Authlab-Operation"] = op
  r:puts(string.format(ENVELOPE, op, op, op, op))
  return apache2.OK
end
