// Responses shaped like Exchange 2016 CU23 (build 15.1.2507.6) answers, byte for byte in
// structure: the s/m/t prefixes, ServerVersionInfo in the header, ResponseMessages.

const SERVER_VERSION_INFO =
  '<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" ' +
  'Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" ' +
  'xmlns="http://schemas.microsoft.com/exchange/services/2006/types" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>';

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<s:Header>${SERVER_VERSION_INFO}</s:Header>` +
    '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    body +
    '</s:Body></s:Envelope>'
  );
}

export function getFolderInboxResponse(): string {
  return envelope(
    '<m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
      '<m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success">' +
      '<m:ResponseCode>NoError</m:ResponseCode><m:Folders><t:Folder>' +
      '<t:FolderId Id="AAMkADk0N2Q3ZmU5LWIxAC4AAAAAAA==" ChangeKey="AQAAABYAAAA="/>' +
      '<t:DisplayName>Inbox</t:DisplayName><t:TotalCount>12</t:TotalCount>' +
      '<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>3</t:UnreadCount>' +
      '</t:Folder></m:Folders></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>',
  );
}

/** A batch GetItem answer: the first id found, the second not. */
export function getItemPartialResponse(): string {
  return envelope(
    '<m:GetItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
      '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>' +
      '<t:Message><t:ItemId Id="AAMkAGI1AAA=" ChangeKey="CQAAABYAAAA="/><t:Subject>Hello</t:Subject></t:Message>' +
      '</m:Items></m:GetItemResponseMessage>' +
      '<m:GetItemResponseMessage ResponseClass="Error">' +
      '<m:MessageText>The specified object was not found in the store., The process failed to get the correct properties.</m:MessageText>' +
      '<m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Items/>' +
      '</m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>',
  );
}

/** A CreateItem success. */
export function createItemResponse(): string {
  return envelope(
    '<m:CreateItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages>' +
      '<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>' +
      '<t:CalendarItem><t:ItemId Id="AAMkAGNhbA==" ChangeKey="DwAAABYAAAA="/></t:CalendarItem>' +
      '</m:Items></m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse>',
  );
}

/** The fault Exchange sends (HTTP 500) for a RequestServerVersion it does not know or accept. */
export function invalidServerVersionFault(): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
    '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorInvalidServerVersion</faultcode>' +
    '<faultstring xml:lang="en-US">The specified server version is invalid.</faultstring>' +
    '<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorInvalidServerVersion</e:ResponseCode>' +
    '<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The specified server version is invalid.</e:Message>' +
    '</detail></s:Fault></s:Body></s:Envelope>'
  );
}

/** The throttling fault (HTTP 500) with the back-off Exchange asks for. */
export function serverBusyFault(backOffMs: number): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
    '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>' +
    '<faultstring xml:lang="en-US">The server cannot service this request right now. Try again later.</faultstring>' +
    '<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>' +
    '<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The server cannot service this request right now. Try again later.</e:Message>' +
    '<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
    `<t:Value Name="BackOffMilliseconds">${backOffMs}</t:Value></t:MessageXml>` +
    '</detail></s:Fault></s:Body></s:Envelope>'
  );
}
