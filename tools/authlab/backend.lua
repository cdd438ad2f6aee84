-- EWS stand-in served by mod_lua behind every authlab endpoint. It answers any request with a
-- fixed SOAP 1.1 EWS response (200 text/xml) and tells the client who Apache authenticated:
-- X-Authlab-User comes from r.user (REMOTE_USER), so a client cannot spoof it.

local ENVELOPE = [[<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
  </s:Header>
  <s:Body>
    <m:%sResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
      <m:ResponseMessages>
        <m:%sResponseMessage ResponseClass="Error">
          <m:MessageText>authlab stand-in: authenticated as [%s] via [%s]</m:MessageText>
          <m:ResponseCode>ErrorInvalidOperation</m:ResponseCode>
          <m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>
        </m:%sResponseMessage>
      </m:ResponseMessages>
    </m:%sResponse>
  </s:Body>
</s:Envelope>
]]

-- The operation is the first element inside soap:Body, e.g. GetFolder.
local function operation_of(body)
  local op = body:match("<[%w_]*:?Body[^>]*>%s*<[%w_]*:?([%w_]+)")
  return op or "GetFolder"
end

local function xml_text(value)
  return (value:gsub("[<>&\"']", function(c) return string.format("&#%d;", c:byte()) end))
end

function handle(r)
  local body = ""
  if r.method == "POST" then body = r:requestbody() or "" end
  local op = operation_of(body)
  local user = r.user or ""
  local scheme = r.ap_auth_type or ""
  r.content_type = "text/xml; charset=utf-8"
  r.headers_out["X-Authlab-User"] = user
  r.headers_out["X-Authlab-Scheme"] = scheme
  r:puts(string.format(ENVELOPE, op, op, xml_text(user), xml_text(scheme), op, op))
  return apache2.OK
end
